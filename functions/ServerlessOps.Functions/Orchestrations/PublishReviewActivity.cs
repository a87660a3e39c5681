using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Workflows.MonthlyReview.Activities;
using Review = ServerlessOps.Workflows.MonthlyReview.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Review.PublishReviewActivity"/>.</summary>
public static class PublishReviewActivity
{
    [Function(nameof(PublishReviewActivity))]
    public static Task<ReviewPublished> RunAsync([ActivityTrigger] ReviewRun input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Review.PublishReviewActivity, ReviewRun, ReviewPublished>(context, input);
}
