using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ServerlessOps.Infrastructure.Telemetry;

public static class OperatorSignalsServiceCollectionExtensions
{
    /// <summary>
    /// The operator signals' instruments and the storage sampler. The Cosmos client counts 429s into them when this is
    /// registered (CosmosServiceCollectionExtensions asks for <see cref="OperatorMetrics"/> optionally).
    /// </summary>
    public static IServiceCollection AddOperatorSignals(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OperatorSignalsOptions>().BindConfiguration(OperatorSignalsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<OperatorMetrics>();
        services.TryAddSingleton<StorageSignalSampler>();
        return services;
    }
}
