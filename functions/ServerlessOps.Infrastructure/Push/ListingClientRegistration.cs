using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Registers an HTTP client of one channel's listing API (pushes, price updates and drift read-backs share it) through
/// <see cref="ChannelApiClientRegistration"/>. Shopify's timeouts and retries are the pushes' own
/// (<see cref="InventoryPushOptions.Shopify"/>), not the endpoint defaults the backstop and settlements use.
/// </summary>
internal static class ListingClientRegistration
{
    public static void Add<TClient, TService>(IServiceCollection services, SalesChannel channel, string pipelineSuffix)
        where TClient : class, TService
        where TService : class =>
        ChannelApiClientRegistration.Add<TClient, TService>(services, channel, pipelineSuffix, ShopifyEndpoint);

    private static ChannelEndpointOptions ShopifyEndpoint(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<InventoryPushOptions>>().Value.Shopify;
}
