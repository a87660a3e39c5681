namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>What one <see cref="AlertSweep.RunAsync"/> did across brands.</summary>
/// <param name="Sent">Pending notifications delivered.</param>
/// <param name="Failed">Pending notifications that failed again (still pending).</param>
/// <param name="CountsRepaired">By how many alerts the rollups' counts were off before the recount.</param>
/// <param name="BrandsFailed">Brands whose sweep failed (store unavailable, or their data broke it): the next run tries again.</param>
/// <param name="OrderPriceAlertsResolved">Price alerts of orders whose flow had ended, resolved by the sweep.</param>
public sealed record AlertSweepResult(int Sent, int Failed, int CountsRepaired, int BrandsFailed, int OrderPriceAlertsResolved = 0);
