namespace ServerlessOps.Durable.History;

/// <summary>Opens each orchestration step; its <see cref="HistoryEvent.Timestamp"/> is the replay-safe
/// <c>CurrentUtcDateTime</c> for the code that runs in that step.</summary>
public sealed record OrchestratorStartedEvent : HistoryEvent;
