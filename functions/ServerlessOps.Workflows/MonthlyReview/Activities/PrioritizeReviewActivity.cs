using Microsoft.DurableTask;
using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview.Activities;

/// <summary>
/// Prioritize: the ranked roadmap and last cycle's roadmap against this month. Runs at least once: the step overwrites its work blob with the same content (<see cref="IMonthlyReviewSteps"/>).
/// </summary>
public sealed class PrioritizeReviewActivity(IMonthlyReviewSteps steps) : TaskActivity<ReviewRun, PhaseRef>
{
    public override Task<PhaseRef> RunAsync(TaskActivityContext context, ReviewRun input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.PrioritizeAsync(input);
    }
}
