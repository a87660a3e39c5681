using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>Registers privacy requests: section <c>Privacy</c>, the request store, the raw-delivery redactor, the export store, the processor and the lookup of a delivery's request.</summary>
public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Needs <c>AddIngestion</c> (stores, blob client, ingestion options) and <c>AddAlerts</c> (the raiser).</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IPrivacyRequestStore, CosmosPrivacyRequestStore>();
        services.TryAddSingleton<RawDeliveryRedactor>();
        services.TryAddSingleton<ShopOrderScan>();
        services.TryAddSingleton<PrivacyExportStore>();
        services.TryAddSingleton<PrivacyRequestProcessor>();
        services.TryAddSingleton<PrivacyRequestOfDelivery>();
        return services;
    }
}
