using Microsoft.DurableTask;
using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview.Activities;

/// <summary>
/// Audit fan-in: the channels' partial facts joined with ad spend, stock snapshots, targets and fees. Runs at least once: the step overwrites its work blob with the same content (<see cref="IMonthlyReviewSteps"/>).
/// </summary>
public sealed class AssembleReviewFactsActivity(IMonthlyReviewSteps steps) : TaskActivity<AssembleStep, FactsRef>
{
    public override Task<FactsRef> RunAsync(TaskActivityContext context, AssembleStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.AssembleFactsAsync(input.Run, input.Channels);
    }
}
