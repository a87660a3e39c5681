using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Audit;

namespace ServerlessOps.Infrastructure.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>Registers the human-action audit log (<see cref="CosmosHumanActionLog"/>, container <c>auditLog</c>) and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddHumanActionLog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHumanActionLog, CosmosHumanActionLog>();
        return services;
    }
}
