using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Workflows.MonthlyReview.Activities;
using Review = ServerlessOps.Workflows.MonthlyReview.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Review.AssembleReviewFactsActivity"/>.</summary>
public static class AssembleReviewFactsActivity
{
    [Function(nameof(AssembleReviewFactsActivity))]
    public static Task<FactsRef> RunAsync([ActivityTrigger] AssembleStep input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Review.AssembleReviewFactsActivity, AssembleStep, FactsRef>(context, input);
}
