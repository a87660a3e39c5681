using Microsoft.DurableTask;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Workflows.MonthlyReview.Activities;

namespace ServerlessOps.Workflows.MonthlyReview;

/// <summary>
/// One brand's review of one closed month (instance <c>monthly-review:{brand}:{yyyy-MM}</c>, <see cref="ReviewIds"/>),
/// the loop's phases in order: audit (one activity per channel streams its orders into partial facts in a work blob,
/// then one joins them and runs the rule catalog), prioritize, build (alert rules and owners told), scale, report
/// (rendered and published to the archive, owned by the finance owner). Only blob names and counts pass through the
/// history. The custom status (<see cref="MonthlyReviewStatus"/>) says the phase, rows read and findings so far. Every
/// activity is retried (<see cref="ActivityRetry"/>: 5 attempts, 2 s doubling, jittered); an activity that still fails fails the review, which the cadence
/// watchdog then reports to the finance owner.
/// </summary>
public sealed class MonthlyReviewOrchestrator : TaskOrchestrator<MonthlyReviewInput, MonthlyReviewResult>
{
    private static readonly TaskOptions Retry = ActivityRetry.Options;

    public override async Task<MonthlyReviewResult> RunAsync(TaskOrchestrationContext context, MonthlyReviewInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (!ReviewMonth.TryParse(input.Month, out var month))
        {
            throw new ArgumentException($"Monthly review of brand '{input.BrandId}': '{input.Month}' is not a month (yyyy-MM).", nameof(input));
        }

        var run = new ReviewRun(input.BrandId, month.ToString());
        var channels = Enum.GetValues<SalesChannel>();
        var status = new MonthlyReviewStatus(ReviewPhase.Audit, 0, 0, 0, channels.Length);
        Enter(context, run, status);

        var pending = channels.Select(c => context.CallActivityAsync<ChannelFactsRef>(nameof(AggregateChannelActivity), new ChannelStep(run, c), Retry)).ToList();
        var done = new List<ChannelFactsRef>();
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            done.Add(await finished);
            status = status with { ChannelsDone = done.Count, RowsRead = done.Sum(c => c.LinesRead) };
            context.SetCustomStatus(status);
        }

        var ordered = done.OrderBy(c => c.Channel).ToList();
        var facts = await context.CallActivityAsync<FactsRef>(nameof(AssembleReviewFactsActivity), new AssembleStep(run, ordered), Retry);
        var rowsRead = facts.RowsRead.Where(kv => kv.Key != "orders" && kv.Key != "pnlLines").Sum(kv => kv.Value);
        status = status with { RowsRead = rowsRead };
        context.SetCustomStatus(status);
        var findings = await context.CallActivityAsync<PhaseRef>(nameof(AuditReviewActivity), run, Retry);
        status = status with { Findings = findings.Count };

        Enter(context, run, status = status with { Phase = ReviewPhase.Prioritize });
        var roadmap = await context.CallActivityAsync<PhaseRef>(nameof(PrioritizeReviewActivity), run, Retry);

        Enter(context, run, status = status with { Phase = ReviewPhase.Build });
        var rules = await context.CallActivityAsync<PhaseRef>(nameof(BuildReviewAlertsActivity), run, Retry);

        Enter(context, run, status = status with { Phase = ReviewPhase.Scale });
        var scale = await context.CallActivityAsync<PhaseRef>(nameof(ScaleReviewActivity), run, Retry);

        Enter(context, run, status = status with { Phase = ReviewPhase.Report });
        var published = await context.CallActivityAsync<ReviewPublished>(nameof(PublishReviewActivity), run, Retry);

        context.SetCustomStatus(status with { Phase = ReviewPhase.Done });
        context.CreateReplaySafeLogger<MonthlyReviewOrchestrator>().Published(context.InstanceId, run.BrandId, input.Month, published.Version, findings.Count, rowsRead);
        return new MonthlyReviewResult(run.BrandId, input.Month, published.Version, published.Files, published.Owner, rowsRead, findings.Count, roadmap.Count, rules.Count, scale.Count);
    }

    private static void Enter(TaskOrchestrationContext context, ReviewRun run, MonthlyReviewStatus status)
    {
        context.SetCustomStatus(status);
        context.CreateReplaySafeLogger<MonthlyReviewOrchestrator>().PhaseStarted(context.InstanceId, run.BrandId, run.Month, status.Phase);
    }
}
