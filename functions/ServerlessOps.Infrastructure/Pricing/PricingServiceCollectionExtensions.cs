using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Pricing;

public static class PricingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the price guard and price-set: <see cref="PricingOptions"/> (section <c>Pricing</c>, validated at start),
    /// <see cref="ListingPriceRules"/>, <see cref="ObservedPriceGuard"/>, the override store, <see cref="PriceSetter"/>
    /// and one price client per channel on the pushes' HttpClient setup and endpoints (pipeline <c>{channel}-price</c>).
    /// Call after AddInventoryPush (accounts and endpoints come from it).
    /// </summary>
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ObservedPriceGuard)))
        {
            return services;
        }

        if (!services.Any(d => d.ServiceType == typeof(ListingPushWorker)))
        {
            throw new InvalidOperationException("AddPricing pushes prices through the pushes' channel clients and accounts: call AddInventoryPush first.");
        }

        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ListingPriceRules>();
        services.TryAddSingleton<PriceOverrideStore>();
        services.TryAddSingleton<ListingPriceFactStore>();
        services.TryAddSingleton<SkuPriceStateStore>();
        services.TryAddSingleton<ObservedPriceGuard>();
        services.TryAddSingleton<ListingPriceClients>();
        services.TryAddSingleton<PriceSetter>();
        ListingClientRegistration.Add<ShopifyPriceClient, IListingPriceClient>(services, SalesChannel.Shopify, "price");
        ListingClientRegistration.Add<AmazonPriceClient, IListingPriceClient>(services, SalesChannel.Amazon, "price");
        ListingClientRegistration.Add<WalmartPriceClient, IListingPriceClient>(services, SalesChannel.Walmart, "price");
        ListingClientRegistration.Add<TikTokPriceClient, IListingPriceClient>(services, SalesChannel.TikTokShop, "price");
        return services;
    }
}
