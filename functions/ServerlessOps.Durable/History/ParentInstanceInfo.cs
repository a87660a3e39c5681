namespace ServerlessOps.Durable.History;

/// <summary>Where a sub-orchestration reports its result: the parent instance and the sequence number of
/// the parent's SubOrchestrationInstanceCreated action.</summary>
/// <param name="Name">The parent orchestrator's name.</param>
/// <param name="Instance">The parent instance and execution.</param>
/// <param name="TaskScheduledId">The parent's action sequence number that created this sub-orchestration.</param>
public sealed record ParentInstanceInfo(string Name, OrchestrationInstance Instance, int TaskScheduledId);
