using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.OrderFlow;

public static class OrderFlowServiceCollectionExtensions
{
    /// <summary>
    /// Registers what order flows need from Infrastructure: the exception and end stores and the restart claims (container <c>alerts</c>; call
    /// <c>AddCosmosStores</c> too). The app registers its <see cref="IOrderFlowStarter"/> (over the Durable client);
    /// where none is, the converger starts nothing.
    /// </summary>
    public static IServiceCollection AddOrderFlowStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IOrderFlowExceptionStore, CosmosOrderFlowExceptionStore>();
        services.TryAddSingleton<IOrderFlowEndStore, CosmosOrderFlowEndStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOrderFlowRestartClaims, CosmosOrderFlowRestartClaims>();
        return services;
    }
}
