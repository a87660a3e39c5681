using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// An orchestrator wrapped for the engine once its parent is known, so a sub-orchestration's
/// <c>TaskOrchestrationContext.Parent</c> names its parent as in Azure. DTFx creates task objects by name
/// only; <see cref="DurableTaskEngine"/>'s dispatch middleware passes the episode's parent in before the first
/// execution, and the shim is built then.
/// </summary>
internal sealed class ParentAwareOrchestration(TaskName name, ITaskOrchestrator orchestrator, DurableTaskShimFactory shims) : TaskOrchestration
{
    private ParentOrchestrationInstance? _parent;
    private TaskOrchestration? _shim;

    private TaskOrchestration Shim => _shim ??= shims.CreateOrchestration(name, orchestrator, _parent);

    /// <summary>Records the parent from the instance's start event; no effect once the orchestration has run.</summary>
    public void UseParent(ParentInstance? parent)
    {
        if (_shim is null && parent?.OrchestrationInstance?.InstanceId is { } parentId)
        {
            _parent = new ParentOrchestrationInstance(new TaskName(parent.Name), parentId);
        }
    }

    public override Task<string> Execute(OrchestrationContext context, string input) => Shim.Execute(context, input);

    public override void RaiseEvent(OrchestrationContext context, string name, string input) => Shim.RaiseEvent(context, name, input);

    public override string GetStatus() => Shim.GetStatus();
}
