using Azure.Core;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ServerlessOps.Standalone.Durable;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the standalone host's Durable Task engine.</summary>
public static class StandaloneDurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Runs the app's orchestrators and activities on the Durable Task Framework's Azure Storage engine, configured
    /// from host.json's <c>extensions.durableTask</c> and the <c>AzureFunctionsJobHost__extensions__durableTask__…</c>
    /// settings, and registers <see cref="DurableTaskClient"/> over it. The engine runs as a hosted service: it starts
    /// with the host (creating the task hub if missing) and stops with it. Invalid settings fail the host's start with
    /// a <see cref="DurableTaskSettingsException"/>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configuration">App settings: overrides, <c>%Name%</c> values and the storage connection.</param>
    /// <param name="registerTasks">Registers the orchestrator and activity classes, by the names their Functions wrappers carry.</param>
    /// <param name="hostJsonPath">host.json; default <c>host.json</c> beside the application.</param>
    public static IServiceCollection AddStandaloneDurableTask(
        this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> registerTasks, string? hostJsonPath = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(registerTasks);

        services.AddStandaloneDurableTasks(registerTasks);
        services.AddSingleton(provider => StandaloneTaskRegistry.From(provider.GetServices<StandaloneTaskRegistration>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);

        // Read when first needed (the engine's start), so configuration added after this call still counts.
        services.AddSingleton(provider =>
        {
            var settings = DurableTaskSettingsReader.Read(configuration, hostJsonPath);
            var connection = StorageConnection.Describe(configuration, settings.ConnectionName);
            provider.GetRequiredService<ILogger<DurableTaskEngine>>().SettingsLoaded(
                settings.HubName, connection, settings.ConnectionName,
                settings.MaxQueuePollingInterval, settings.ExtendedSessionsEnabled, settings.MaxConcurrentOrchestratorFunctions, settings.MaxConcurrentActivityFunctions);
            return settings;
        });
        services.AddSingleton(provider => AzureStorageEngineSettings.Create(
            provider.GetRequiredService<DurableTaskSettings>(),
            configuration,
            provider.GetRequiredService<ILoggerFactory>(),
            Combine(provider.GetServices<StorageClientCustomization>())));
        services.AddSingleton(provider => new AzureStorageOrchestrationService(provider.GetRequiredService<AzureStorageOrchestrationServiceSettings>()));
        services.AddSingleton(provider => InstanceStatusRepair.For(
            provider.GetRequiredService<AzureStorageOrchestrationServiceSettings>(), provider.GetRequiredService<ILogger<InstanceStatusRepair>>()));
        services.AddSingleton(provider => new DurableTaskShimFactory(
            new DurableTaskWorkerOptions { DataConverter = provider.GetRequiredService<DataConverter>() },
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<DurableTaskEngine>();
        services.AddSingleton(provider => new OrchestrationServiceDurableTaskClient(
            provider.GetRequiredService<DurableTaskSettings>(),
            provider.GetRequiredService<AzureStorageOrchestrationService>(),
            provider.GetRequiredService<DataConverter>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<StandaloneTaskRegistry>().Registry.GetOrchestrators().Select(o => o.Key.Name)));
        services.AddSingleton<DurableTaskClient>(provider => provider.GetRequiredService<OrchestrationServiceDurableTaskClient>());
        return services;
    }

    /// <summary>
    /// Adds orchestrators and activities to those the engine runs, beside the ones given to
    /// <see cref="AddStandaloneDurableTask"/>: how a module or a test contributes tasks of its own. Call before the
    /// engine starts.
    /// </summary>
    public static IServiceCollection AddStandaloneDurableTasks(this IServiceCollection services, Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(registerTasks);
        return services.AddSingleton(new StandaloneTaskRegistration(registerTasks));
    }

    /// <summary>
    /// Adjusts the options of every storage client the engine creates (blob, queue, table), e.g. to add an
    /// <c>HttpPipelinePolicy</c> that counts requests. Call before the engine starts.
    /// </summary>
    public static IServiceCollection ConfigureStandaloneDurableStorageClients(this IServiceCollection services, Action<ClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddSingleton(new StorageClientCustomization(configure));
    }

    private static Action<ClientOptions>? Combine(IEnumerable<StorageClientCustomization> customizations)
    {
        var all = customizations.ToList();
        return all.Count == 0 ? null : options => all.ForEach(c => c.Configure(options));
    }
}
