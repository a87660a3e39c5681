namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>What one offered rate measured, with the raw rates of its own stack.</summary>
/// <param name="Offered">Orders per second offered.</param>
/// <param name="Orders">Orders due in the measured load.</param>
/// <param name="Acknowledged">Answered 2xx.</param>
/// <param name="NotSent">Due while the in-flight cap was full.</param>
/// <param name="Reserved">Acknowledged orders whose every line was reserved before the drain deadline.</param>
/// <param name="Pushed">Reserved orders whose own channel received a push of every line's SKU after the reservation.</param>
/// <param name="FlowsPerSecond">Pushed orders per second between the first and the last of their pushes (the completion rate).</param>
/// <param name="Ack">Acknowledgement latency from the scheduled send, ms.</param>
/// <param name="AckToReserved">From the acknowledgement to the order's last line reserved (ledger appliedAt), ms.</param>
/// <param name="AckToPushed">From the acknowledgement to the push reflecting it on the order's own channel, ms.</param>
/// <param name="AckToAllChannels">From the acknowledgement to a push reflecting it on all four channels, ms.</param>
/// <param name="PushesPerOrder">Pushes accepted by the stub from the first measured send to the end of the drain, per measured order.</param>
/// <param name="StubCallsPerOrder">Every call the stub received (order reads, pushes) in the same window, per measured order.</param>
/// <param name="StoreRequestsPerOrder">Requests the Cosmos server and Azurite's services served in the same window (the app, its
/// engine and the edge; plus the benchmark's own reservation reads while draining), per measured order.</param>
/// <param name="Engine">Activities and history rows per flow, from the settled flows of a sample.</param>
/// <param name="Drain">When the drain saw every order pushed and the sample settled.</param>
/// <param name="AckFailures">Webhooks not answered 2xx, by kind ("HTTP 503", "timeout (30 s)", "connection (...)"), most first.</param>
/// <param name="Cpu">CPU cores used during the load, by process group.</param>
/// <param name="CpuMsPerOrder">CPU ms per measured order, by process group, from the load's start until the drain saw every
/// order pushed (or its deadline): the cost of an order whether or not the rate was kept, for A/B runs of a change.</param>
/// <param name="Raw">The raw rates of the same emulators after the load.</param>
/// <param name="EngineBefore">The engine alone on the fresh stack before the load (app idle): activities/s over 150 two-activity
/// instances, and its CPU per activity.</param>
/// <param name="Exceptions">Open flow exceptions after the drain, by channel, step and cause (<see cref="FlowExceptions"/>).</param>
/// <param name="LoadAverage">The machine's 1/5/15-minute load averages when the load ended.</param>
internal sealed record RateFigures(
    int Offered,
    int Orders,
    int Acknowledged,
    int NotSent,
    int Reserved,
    int Pushed,
    double FlowsPerSecond,
    Percentiles Ack,
    Percentiles AckToReserved,
    Percentiles AckToPushed,
    Percentiles AckToAllChannels,
    double PushesPerOrder,
    double StubCallsPerOrder,
    StoreRequests StoreRequestsPerOrder,
    EngineHistoryFigures Engine,
    DrainFigures Drain,
    IReadOnlyList<(string Kind, int Count)> AckFailures,
    IReadOnlyList<(string Name, double Cores)> Cpu,
    IReadOnlyList<(string Name, double Milliseconds)> CpuMsPerOrder,
    RawRateFigures Raw,
    EngineRate EngineBefore,
    IReadOnlyList<(string What, int Flows)> Exceptions,
    string LoadAverage)
{
    /// <summary>Orders per second the engine's rate on the fresh stack allows at the settled flows' activities per order.</summary>
    public double EngineBound => EngineBefore.FlowActivitiesPerSecond / Engine.ActivitiesPerFlow;

    /// <summary>The same bound from the engine's rate after the load, on the backlog it left.</summary>
    public double EngineBoundAfter => Raw.Engine.FlowActivitiesPerSecond / Engine.ActivitiesPerFlow;

    /// <summary>
    /// What the engine alone spends on a flow's activities (its CPU per activity on the fresh stack × activities per settled
    /// flow): the part of <see cref="CpuMsPerOrder"/> the engine bound pays for; the rest is the product's own work.
    /// </summary>
    public double EngineCpuMsPerFlow => EngineBefore.CpuMsPerActivity * Engine.ActivitiesPerFlow;

    /// <summary>CPU ms per order of what is under test: the app, Azurite and the Cosmos server (not the generator and stub).</summary>
    public double StackCpuMsPerOrder =>
        CpuMsPerOrder.Where(c => c.Name != GeneratorGroup).Sum(c => c.Milliseconds);

    /// <summary>The name <see cref="Cpu"/> and <see cref="CpuMsPerOrder"/> give the benchmark's own process (load and stub).</summary>
    public const string GeneratorGroup = "generator + stub marketplace";

    /// <summary>Keeps up: nine in ten due orders flowed through, at nine tenths of the offered rate or better.</summary>
    public bool KeepsUp => Pushed >= 0.9 * Orders && FlowsPerSecond >= 0.9 * Offered;
}

/// <summary>p50 and p99 of a set of latencies (ms), and how many there were.</summary>
internal sealed record Percentiles(double P50, double P99, int Count)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(At(50), At(99), sorted.Length);
    }
}
