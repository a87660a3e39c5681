using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// The Durable Task Framework's own dispatcher (<see cref="TaskHubWorker"/>) over the Azure Storage engine, running the
/// app's orchestrator and activity classes through the Durable Task SDK's shims: what the Durable Functions extension
/// runs in Azure, minus the Functions host. Creates the task hub if missing (retrying transient storage answers); failures carry type, message and stack
/// (<see cref="ErrorPropagationMode.UseFailureDetails"/>), as in the isolated worker.
/// </summary>
/// <remarks>
/// Stopping lets running episodes and activities finish and releases this worker's partition leases, so another
/// worker takes over at once; if the host's shutdown timeout passes first, the stop is forced and whatever was in
/// flight reappears on its queue after the visibility timeout.
/// </remarks>
internal sealed partial class DurableTaskEngine(
    AzureStorageOrchestrationService service,
    InstanceStatusRepair statusRepair,
    DurableTaskSettings settings,
    StandaloneTaskRegistry tasks,
    DurableTaskShimFactory shims,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    ILogger<DurableTaskEngine> logger) : IHostedService, IDisposable
{
    private TaskHubWorker? _worker;

    /// <summary>The worker's identity among the hub's workers (see <see cref="DurableTaskSettings.WorkerId"/>).</summary>
    public string WorkerId => settings.WorkerId;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var orchestrations = new TaskCatalog<TaskOrchestration>(
            (name, known) => shims.CreateOrchestration(name, FailingTask.NotRegistered(name, "orchestrator", known)));
        var activities = new TaskCatalog<TaskActivity>(
            (name, known) => shims.CreateActivity(name, FailingTask.NotRegistered(name, "activity", known)));
        foreach (var (name, factory) in tasks.Registry.GetOrchestrators())
        {
            orchestrations.Add(TaskCreators.Orchestration(name, factory, services, shims));
        }

        foreach (var (name, factory) in tasks.Registry.GetActivities())
        {
            activities.Add(TaskCreators.Activity(name, factory, services, shims));
        }

        if (tasks.Registry.GetEntities().Any())
        {
            throw new NotSupportedException("Durable entities are registered, but the standalone host runs orchestrations and activities only.");
        }

        logger.EngineStarting(settings.HubName, settings.WorkerId, settings.PartitionCount, orchestrations.Count, activities.Count);
        try
        {
            await TaskHubCreationRetry.Create(logger).ExecuteAsync(async token => await service.CreateIfNotExistsAsync().WaitAsync(token), cancellationToken);
            var worker = new TaskHubWorker(new WorkerFacingOrchestrationService(service, statusRepair, logger), orchestrations, activities, loggerFactory)
            {
                ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
            };
            worker.AddOrchestrationDispatcherMiddleware((context, next) =>
            {
                if (context.GetProperty<TaskOrchestration>() is ParentAwareOrchestration orchestration)
                {
                    orchestration.UseParent(context.GetProperty<OrchestrationRuntimeState>()?.ParentInstance);
                }

                return next();
            });
            await worker.StartAsync().WaitAsync(cancellationToken);
            _worker = worker;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.EngineStartFailed(e, settings.HubName, settings.WorkerId);
            throw;
        }

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        logger.EngineStarted(settings.HubName, settings.WorkerId, elapsedMs);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _worker, null) is not { } worker)
        {
            return;
        }

        var stopping = Stopwatch.GetTimestamp();
        logger.EngineStopping(settings.HubName, settings.WorkerId);
        var graceful = worker.StopAsync(isForced: false);
        try
        {
            await graceful.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.EngineStopForced(settings.HubName, settings.WorkerId);
            await service.StopAsync(isForced: true);
        }
        finally
        {
            worker.Dispose();
        }

        var elapsedMs = (long)Stopwatch.GetElapsedTime(stopping).TotalMilliseconds;
        logger.EngineStopped(settings.HubName, settings.WorkerId, elapsedMs);
    }

    public void Dispose() => Interlocked.Exchange(ref _worker, null)?.Dispose();
}
