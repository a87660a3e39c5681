using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable;

/// <summary>The <see cref="IDurableTaskBuilder"/> that <c>AddDurableTask</c> hands out.</summary>
/// <param name="services">The application's services.</param>
/// <param name="registry">The registry that is registered as a singleton.</param>
public sealed class DurableTaskBuilder(IServiceCollection services, DurableTaskRegistry registry) : IDurableTaskBuilder
{
    /// <inheritdoc/>
    public IServiceCollection Services { get; } = services;

    /// <inheritdoc/>
    public DurableTaskRegistry Registry { get; } = registry;
}
