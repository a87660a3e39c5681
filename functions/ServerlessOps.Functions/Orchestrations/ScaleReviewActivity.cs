using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Workflows.MonthlyReview.Activities;
using Review = ServerlessOps.Workflows.MonthlyReview.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Review.ScaleReviewActivity"/>.</summary>
public static class ScaleReviewActivity
{
    [Function(nameof(ScaleReviewActivity))]
    public static Task<PhaseRef> RunAsync([ActivityTrigger] ReviewRun input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Review.ScaleReviewActivity, ReviewRun, PhaseRef>(context, input);
}
