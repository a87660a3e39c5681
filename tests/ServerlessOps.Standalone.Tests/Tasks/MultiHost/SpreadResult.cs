namespace ServerlessOps.Standalone.Tests.Tasks.MultiHost;

/// <summary>What <see cref="SpreadOrchestrator"/> saw: the processes that ran its activities, and the one that finished it.</summary>
public sealed record SpreadResult(List<int> ActivityProcesses, int LastEpisodeProcess);
