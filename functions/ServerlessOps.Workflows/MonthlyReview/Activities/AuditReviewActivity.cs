using Microsoft.DurableTask;
using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview.Activities;

/// <summary>
/// Audit: the rule catalog over the month's facts; answers the blob of material findings and their count. Runs at least once: the step overwrites its work blob with the same content (<see cref="IMonthlyReviewSteps"/>).
/// </summary>
public sealed class AuditReviewActivity(IMonthlyReviewSteps steps) : TaskActivity<ReviewRun, PhaseRef>
{
    public override Task<PhaseRef> RunAsync(TaskActivityContext context, ReviewRun input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.AuditAsync(input);
    }
}
