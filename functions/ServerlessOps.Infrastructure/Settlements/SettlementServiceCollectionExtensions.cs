using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        where TReader : class, ISettlementReader =>
        ChannelApiClientRegistration.Add<TReader, ISettlementReader>(services, channel, "settlements");
}
