using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

public static class BackstopServiceCollectionExtensions
{
    /// <summary>
    /// Registers the missed-webhook backstop: <see cref="BackstopOptions"/> (section <c>Backstop</c>, validated at start),
    /// the four listers as typed HttpClients behind the same resilience pipeline as the order readers (429 and
    /// Retry-After honoured, <c>Channels:{channel}</c> timeouts and retries; Shopify's with the defaults, its host being
    /// per shop), <see cref="BackstopStore"/> and <see cref="MissedWebhookBackstop"/>. Needs the ingestion path
    /// (AddIngestion) and an <see cref="Domain.Alerts.IAlertRaiser"/>.
    /// </summary>
    public static IServiceCollection AddBackstop(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BackstopOptions>().Bind(configuration.GetSection(BackstopOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        AddLister<AmazonOrderLister>(services, SalesChannel.Amazon);
        AddLister<WalmartOrderLister>(services, SalesChannel.Walmart);
        AddLister<TikTokShopOrderLister>(services, SalesChannel.TikTokShop);
        AddLister<ShopifyOrderLister>(services, SalesChannel.Shopify);
        services.TryAddSingleton<BackstopStore>();
        services.TryAddSingleton<MissedWebhookBackstop>();
        return services;
    }

    private static void AddLister<TLister>(IServiceCollection services, SalesChannel channel)
        where TLister : class, IChannelOrderLister
    {
        static ChannelEndpointOptions EndpointOf(IServiceProvider provider, SalesChannel channel) =>
            channel == SalesChannel.Shopify
                ? new ChannelEndpointOptions { BaseUrl = "https://shopify.invalid/" }
                : provider.GetRequiredService<IOptionsMonitor<ChannelApiOptions>>().CurrentValue.For(channel);

        services
            .AddHttpClient<TLister>((provider, client) =>
            {
                if (channel != SalesChannel.Shopify)
                {
                    var baseUrl = EndpointOf(provider, channel).BaseUrl;
                    client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
                }

                // The resilience pipeline's total timeout governs; HttpClient's own 100 s would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .AddResilienceHandler($"{channel.Slug()}-backstop", (builder, context) =>
            {
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChannelApiResilience).FullName!);
                ChannelApiResilience.Configure(builder, EndpointOf(context.ServiceProvider, channel), channel, logger);
            });

        services.AddTransient<IChannelOrderLister>(provider => provider.GetRequiredService<TLister>());
    }
}
