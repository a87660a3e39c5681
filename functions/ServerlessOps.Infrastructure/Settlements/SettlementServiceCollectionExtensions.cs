using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Settlements;

public static class SettlementServiceCollectionExtensions
{
    /// <summary>
    /// Registers the settlement import: <see cref="SettlementOptions"/> (section <c>Settlements</c>, validated at start), the
    /// four readers as typed HttpClients behind the same resilience pipeline as the order readers and the backstop's listers
    /// (<c>Channels:{channel}</c> base URL, timeouts and retries; Shopify's host is per shop), <see cref="CosmosSettlementStore"/>
    /// and <see cref="SettlementImport"/>. Needs the channel API clients and the backstop's options (AddBackstop), the Cosmos
    /// stores and an <see cref="Domain.Alerts.IAlertRaiser"/>.
    /// </summary>
    public static IServiceCollection AddSettlements(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SettlementOptions>().Bind(configuration.GetSection(SettlementOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        AddReader<AmazonSettlementReader>(services, SalesChannel.Amazon);
        AddReader<WalmartSettlementReader>(services, SalesChannel.Walmart);
        AddReader<TikTokShopSettlementReader>(services, SalesChannel.TikTokShop);
        AddReader<ShopifySettlementReader>(services, SalesChannel.Shopify);
        services.TryAddSingleton<CosmosSettlementStore>();
        services.TryAddSingleton<ISettlementStore>(sp => sp.GetRequiredService<CosmosSettlementStore>());
        services.TryAddSingleton<SettlementImport>();
        return services;
    }

    private static void AddReader<TReader>(IServiceCollection services, SalesChannel channel)
        where TReader : class, ISettlementReader
    {
        static ChannelEndpointOptions EndpointOf(IServiceProvider provider, SalesChannel channel) =>
            channel == SalesChannel.Shopify
                ? new ChannelEndpointOptions { BaseUrl = "https://shopify.invalid/" }
                : provider.GetRequiredService<IOptionsMonitor<ChannelApiOptions>>().CurrentValue.For(channel);

        services
            .AddHttpClient<TReader>((provider, client) =>
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
            .AddResilienceHandler($"{channel.Slug()}-settlements", (builder, context) =>
            {
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChannelApiResilience).FullName!);
                ChannelApiResilience.Configure(builder, EndpointOf(context.ServiceProvider, channel), channel, logger);
            });

        services.AddTransient<ISettlementReader>(provider => provider.GetRequiredService<TReader>());
    }
}
