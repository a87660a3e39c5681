using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Registers an HTTP client of one channel's listing API (pushes and drift read-backs share it): the channel's base URL
/// (Shopify's is per shop, so set per request), the channel's resilience pipeline, and the client as the service callers ask for.
/// </summary>
internal static class ListingClientRegistration
{
    public static void Add<TClient, TService>(IServiceCollection services, SalesChannel channel, string pipelineSuffix)
        where TClient : class, TService
        where TService : class
    {
        services
            .AddHttpClient<TClient>((provider, client) =>
            {
                if (channel != SalesChannel.Shopify)
                {
                    var baseUrl = Endpoint(provider, channel).BaseUrl;
                    client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
                }

                // The pipeline's total timeout governs; HttpClient's own 100 s would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .AddResilienceHandler($"{channel.Slug()}-{pipelineSuffix}", (builder, context) =>
            {
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChannelApiResilience).FullName!);
                ChannelApiResilience.Configure(builder, Endpoint(context.ServiceProvider, channel), channel, logger);
            });

        services.AddTransient<TService>(provider => provider.GetRequiredService<TClient>());
    }

    private static ChannelEndpointOptions Endpoint(IServiceProvider provider, SalesChannel channel) =>
        channel == SalesChannel.Shopify
            ? provider.GetRequiredService<IOptions<InventoryPushOptions>>().Value.Shopify
            : provider.GetRequiredService<IOptionsMonitor<ChannelApiOptions>>().CurrentValue.For(channel);
}
