namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>How the drain after the load ended: both waits share the one <c>--drain-seconds</c> deadline.</summary>
/// <param name="PushedAfterSeconds">From the end of the load until every acknowledged order was reserved and pushed; null when the deadline came first.</param>
/// <param name="SettledAfterSeconds">Until every sampled flow had settled too (<see cref="FlowSettlement"/>); null when the deadline came first.</param>
/// <param name="SettleReadsPerOrder">The benchmark's own History queries while waiting for the sample to settle, per measured
/// order: table requests it adds to the store counts (as its reservation reads add Cosmos requests).</param>
internal sealed record DrainFigures(double? PushedAfterSeconds, double? SettledAfterSeconds, double SettleReadsPerOrder);
