using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Drift;

public static class DriftServiceCollectionExtensions
{
    /// <summary>
    /// Registers drift repair: <see cref="DriftOptions"/> (section <c>Drift</c>, validated at start), the drift store, one
    /// read-back client per channel as a typed HttpClient behind <see cref="ChannelApiResilience"/> with the pushes'
    /// endpoints, and <see cref="ListingDriftChecker"/>. Call after AddInventoryPush: repairs go through its worker.
    /// </summary>
    public static IServiceCollection AddListingDrift(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ListingDriftChecker)))
        {
            return services;
        }

        if (!services.Any(d => d.ServiceType == typeof(ListingPushWorker)))
        {
            throw new InvalidOperationException("AddListingDrift repairs through the inventory pushes: call AddInventoryPush first.");
        }

        services.AddOptions<DriftOptions>().Bind(configuration.GetSection(DriftOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DriftStore>();
        services.TryAddSingleton<ListingReadClients>();
        services.TryAddSingleton<ListingDriftChecker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IListingPushFailureFollowUp, DriftReadAfterFailedPush>());
        AddReader<ShopifyListingReadClient>(services, SalesChannel.Shopify);
        AddReader<AmazonListingReadClient>(services, SalesChannel.Amazon);
        AddReader<WalmartListingReadClient>(services, SalesChannel.Walmart);
        AddReader<TikTokListingReadClient>(services, SalesChannel.TikTokShop);
        return services;
    }

    private static void AddReader<TClient>(IServiceCollection services, SalesChannel channel)
        where TClient : class, IListingReadClient =>
        ListingClientRegistration.Add<TClient, IListingReadClient>(services, channel, "read-back");
}
