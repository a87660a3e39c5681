using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

public static class InventoryPushServiceCollectionExtensions
{
    /// <summary>
    /// Registers the coalesced inventory pushes: <see cref="InventoryPushOptions"/> (section <c>InventoryPush</c>, validated
    /// at start, its claim timeout against the channels' call budgets), the push store, queue (created at start), marker,
    /// worker, brakes, the lost-push requeue, and one push client per channel as a typed HttpClient behind <see cref="ChannelApiResilience"/> (<c>Channels:{channel}</c>, Shopify's from this section).
    /// Decorates the registered <see cref="IInventoryLedgerStore"/> with <see cref="PushMarkingLedgerStore"/>, so call it
    /// after AddInventoryLedger. Needs the catalog (AddCatalog), alerts, the registry and the background QueueServiceClient.
    /// </summary>
    public static IServiceCollection AddInventoryPush(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ListingPushWorker)))
        {
            return services;
        }

        var ledger = services.LastOrDefault(d => d.ServiceType == typeof(IInventoryLedgerStore))
            ?? throw new InvalidOperationException("AddInventoryPush decorates the inventory ledger: call AddInventoryLedger first.");

        services.AddOptions<InventoryPushOptions>().Bind(configuration.GetSection(InventoryPushOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InventoryPushOptions>>(new InventoryPushOptionsValidator(configuration)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InventoryPushStore>();
        services.TryAddSingleton(sp => new InventoryPushHandOff(sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<IOptions<InventoryPushOptions>>()));
        services.AddHostedService<InventoryPushInitializer>();
        services.TryAddSingleton<MarkedListings>();
        services.TryAddSingleton<ListingDirtyMarker>();
        services.TryAddSingleton<ListingQuantityCalculator>();
        services.TryAddSingleton<PushBrakes>();
        services.TryAddSingleton<LostPushRequeue>();
        services.TryAddSingleton<ListingPushWorker>();
        services.TryAddSingleton<ListingPushClients>();

        AddClient<ShopifyInventoryPushClient>(services, SalesChannel.Shopify);
        AddClient<AmazonInventoryPushClient>(services, SalesChannel.Amazon);
        AddClient<WalmartInventoryPushClient>(services, SalesChannel.Walmart);
        AddClient<TikTokInventoryPushClient>(services, SalesChannel.TikTokShop);

        services.Remove(ledger);
        services.Add(ServiceDescriptor.Describe(
            typeof(IInventoryLedgerStore),
            sp => new PushMarkingLedgerStore(Resolve(sp, ledger), sp.GetRequiredService<ListingDirtyMarker>()),
            ledger.Lifetime));
        return services;
    }

    private static IInventoryLedgerStore Resolve(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IInventoryLedgerStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    private static void AddClient<TClient>(IServiceCollection services, SalesChannel channel)
        where TClient : class, IListingPushClient =>
        ListingClientRegistration.Add<TClient, IListingPushClient>(services, channel, "push");
}
