namespace ServerlessOps.Standalone.Tests.Tasks.MultiHost;

/// <summary>An eternal orchestration's generation and the process that ran its latest activity.</summary>
public sealed record TickState(int Generation, int Process);
