namespace ServerlessOps.Standalone.Tests.Tasks.Events;

/// <summary>The state <see cref="ContinueAsNewCounterOrchestrator"/> carries from one execution to the next.</summary>
public sealed record CounterState(int Target, int Received, long Sum, bool HoldAtGate = false);
