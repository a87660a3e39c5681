namespace ServerlessOps.Benchmarks.Drills.Faults;

/// <summary>One injected fault on the drill clock: from when it began to when the stack was whole again.</summary>
/// <param name="Name">"kill 3", "Azurite paused", ...</param>
/// <param name="Start">When the fault began.</param>
/// <param name="End">When the process was running again (restarted and healthy, or resumed).</param>
internal sealed record FaultWindow(string Name, TimeSpan Start, TimeSpan End);
