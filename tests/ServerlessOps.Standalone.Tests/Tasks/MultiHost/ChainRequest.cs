namespace ServerlessOps.Standalone.Tests.Tasks.MultiHost;

/// <summary>How many steps <see cref="ChainOrchestrator"/> takes and how long each step works.</summary>
public sealed record ChainRequest(int Steps, int StepMilliseconds);
