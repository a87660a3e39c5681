using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessOps.Workflows.MonthlyReview;
using Review = ServerlessOps.Workflows.MonthlyReview;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Review.MonthlyReviewOrchestrator"/>.</summary>
public static class MonthlyReviewOrchestrator
{
    [Function(nameof(MonthlyReviewOrchestrator))]
    public static Task<MonthlyReviewResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new Review.MonthlyReviewOrchestrator().RunAsync(context, context.GetInput<MonthlyReviewInput>()!);
}
