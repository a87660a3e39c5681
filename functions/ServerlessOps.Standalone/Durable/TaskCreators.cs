using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessOps.Standalone.Durable;

/// <summary>Creates the engine's task objects from a <see cref="DurableTaskRegistry"/> entry, wrapped by the Durable Task SDK's shims.</summary>
internal static class TaskCreators
{
    public static ObjectCreator<TaskOrchestration> Orchestration(
        TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory, IServiceProvider services, DurableTaskShimFactory shims) =>
        new Creator<TaskOrchestration>(name.Name, () =>
        {
            // Orchestrators come from the root provider: they do no I/O, so they take no scoped dependency.
            ITaskOrchestrator orchestrator;
            try
            {
                orchestrator = factory(services);
            }
#pragma warning disable CA1031 // Any construction failure becomes the instance's failure, named, rather than an endless retry.
            catch (Exception e)
#pragma warning restore CA1031
            {
                orchestrator = FailingTask.CouldNotCreate(name, "orchestrator", e);
            }

            return new ParentAwareOrchestration(name, orchestrator, shims);
        });

    public static ObjectCreator<TaskActivity> Activity(
        TaskName name, Func<IServiceProvider, ITaskActivity> factory, IServiceProvider services, DurableTaskShimFactory shims) =>
        new Creator<TaskActivity>(name.Name, () =>
        {
            var scope = services.CreateAsyncScope();
            ITaskActivity activity;
            try
            {
                activity = new ScopedTaskActivity(factory(scope.ServiceProvider), scope);
            }
#pragma warning disable CA1031 // Any construction failure becomes the activity's failure, named, rather than an endless retry.
            catch (Exception e)
#pragma warning restore CA1031
            {
                scope.Dispose();
                activity = FailingTask.CouldNotCreate(name, "activity", e);
            }

            return shims.CreateActivity(name, activity);
        });

    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
