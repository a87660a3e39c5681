using Microsoft.DurableTask;
using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview.Activities;

/// <summary>
/// Scale: winners and losers by SKU and channel with budget shifts. Runs at least once: the step overwrites its work blob with the same content (<see cref="IMonthlyReviewSteps"/>).
/// </summary>
public sealed class ScaleReviewActivity(IMonthlyReviewSteps steps) : TaskActivity<ReviewRun, PhaseRef>
{
    public override Task<PhaseRef> RunAsync(TaskActivityContext context, ReviewRun input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.ScaleAsync(input);
    }
}
