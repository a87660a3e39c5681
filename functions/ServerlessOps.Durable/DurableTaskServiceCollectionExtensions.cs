using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Durable.Worker;

namespace ServerlessOps.Durable;

/// <summary>Registers the durable runtime.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable runtime: <see cref="DurableTaskOptions"/> bound from the <c>Durable</c> section and
    /// validated at start, the <see cref="DurableTaskRegistry"/>, a <see cref="DurableTaskClient"/>, and the
    /// <see cref="TaskHubWorker"/> as a singleton and hosted service. <paramref name="configure"/> registers
    /// tasks and picks the backend; resolving the runtime without a backend throws a message saying how to add one.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Registers tasks and the backend.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<IDurableTaskBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DurableTaskOptions>()
            .BindConfiguration(DurableTaskOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var registry = new DurableTaskRegistry();
        services.AddSingleton(registry);
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalWorkSignal>();
        services.TryAddSingleton<DurableTaskClient>(sp => new BackendDurableTaskClient(
            sp.GetRequiredService<IOrchestrationBackend>(),
            sp.GetRequiredService<DataConverter>(),
            sp.GetRequiredService<IOptions<DurableTaskOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BackendDurableTaskClient>>(),
            sp.GetRequiredService<LocalWorkSignal>()));
        services.TryAddSingleton(sp => new TaskHubWorker(
            sp.GetRequiredService<IOrchestrationBackend>(),
            sp.GetRequiredService<DurableTaskRegistry>(),
            sp,
            sp.GetRequiredService<DataConverter>(),
            sp.GetRequiredService<IOptions<DurableTaskOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<LocalWorkSignal>()));
        services.AddHostedService(sp => sp.GetRequiredService<TaskHubWorker>());
        configure(new DurableTaskBuilder(services, registry));
        services.TryAddSingleton<IOrchestrationBackend>(_ => throw new InvalidOperationException(
            "No durable backend is registered. Inside AddDurableTask(...) call builder.UseInMemoryBackend() for tests, " +
            "or the Azure Storage package's builder.AddAzureStorageTaskHub(...)."));
        return services;
    }
}
