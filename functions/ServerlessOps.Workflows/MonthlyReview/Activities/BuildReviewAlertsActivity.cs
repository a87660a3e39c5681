using Microsoft.DurableTask;
using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview.Activities;

/// <summary>
/// Build: the roadmap's daily checks stored as the brand's alert rules, each owner told through the alert raiser (one alert per item, so a retry tells no one twice). Runs at least once: the step overwrites its work blob with the same content (<see cref="IMonthlyReviewSteps"/>).
/// </summary>
public sealed class BuildReviewAlertsActivity(IMonthlyReviewSteps steps) : TaskActivity<ReviewRun, PhaseRef>
{
    public override Task<PhaseRef> RunAsync(TaskActivityContext context, ReviewRun input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.BuildAsync(input);
    }
}
