namespace ServerlessOps.Standalone.Tests.Tasks.Events;

/// <summary>How many events <see cref="CollectEventsOrchestrator"/> waits for, and whether it first holds at the gate.</summary>
public sealed record CollectRequest(int Count, bool HoldAtGate);
