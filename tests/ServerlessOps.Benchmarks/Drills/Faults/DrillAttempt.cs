using ServerlessOps.Benchmarks.OrderFlow;

namespace ServerlessOps.Benchmarks.Drills.Faults;

/// <summary>One try at delivering an order's webhook: when it was sent (drill clock), its answer (0: none) and how long it took.</summary>
internal sealed record DrillAttempt(NewOrder Order, TimeSpan SentAt, int Status, double Milliseconds, bool AfterLoad)
{
    public bool Acknowledged => Status is >= 200 and < 300;
}
