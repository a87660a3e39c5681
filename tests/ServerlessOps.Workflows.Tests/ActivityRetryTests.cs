using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ServerlessOps.Workflows.Tests;

public sealed class ActivityRetryTests
{
    [Property]
    public Property DelayAfter_StaysWithinHalfOfTheDoublingScheduleEitherWay(NonEmptyString instanceId, PositiveInt attempt)
    {
        var n = Math.Min(attempt.Get, 12);
        var nominal = Math.Min(2_000 * Math.Pow(2, n - 1), 60_000);
        var delay = ActivityRetry.DelayAfter(instanceId.Get, n).TotalMilliseconds;
        return (delay >= 0.5 * nominal && delay < 1.5 * nominal).Label($"attempt {n}: {delay} ms against {nominal} ms nominal");
    }

    [Property]
    public Property DelayAfter_NeverExceedsLongestDelay_WhichTheBenchmarkUsesToTellRetriesFromShipByTimers(NonEmptyString instanceId, PositiveInt attempt) =>
        (ActivityRetry.DelayAfter(instanceId.Get, attempt.Get) <= ActivityRetry.LongestDelay).Label($"attempt {attempt.Get}");

    [Fact]
    public void DelayAfter_SameInstanceAndAttempt_IsTheSameEveryTime_SoAReplayWaitsAsTheFirstRunDid()
    {
        Assert.Equal(ActivityRetry.DelayAfter("acme:shopify:1001", 3), ActivityRetry.DelayAfter("acme:shopify:1001", 3));
    }

    [Fact]
    public void DelayAfter_FlowsThatFailedTogether_ComeBackSpreadOut()
    {
        var delays = Enumerable.Range(1, 200).Select(i => ActivityRetry.DelayAfter($"acme:shopify:{i}", 1).TotalMilliseconds).ToList();

        // 200 flows' first retry falls across the whole 1-3 s window, not on one instant.
        Assert.True(delays.Min() < 1_200 && delays.Max() > 2_800, $"first retries spread {delays.Min():F0}-{delays.Max():F0} ms");
        Assert.True(delays.Distinct().Count() > 190, "flows share their retry instant");
    }
}
