namespace ServerlessOps.Durable.History;

/// <summary>Closes each orchestration step: the actions before it were decided in that step.</summary>
public sealed record OrchestratorCompletedEvent : HistoryEvent;
