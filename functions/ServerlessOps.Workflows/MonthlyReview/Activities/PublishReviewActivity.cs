using Microsoft.DurableTask;
using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview.Activities;

/// <summary>
/// Report: the files rendered and published to the report archive, owned by the brand's finance owner; the archive writes a version once. Runs at least once: the step overwrites its work blob with the same content (<see cref="IMonthlyReviewSteps"/>).
/// </summary>
public sealed class PublishReviewActivity(IMonthlyReviewSteps steps) : TaskActivity<ReviewRun, ReviewPublished>
{
    public override Task<ReviewPublished> RunAsync(TaskActivityContext context, ReviewRun input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.PublishAsync(input);
    }
}
