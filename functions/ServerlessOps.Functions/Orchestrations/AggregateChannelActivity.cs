using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Workflows.MonthlyReview.Activities;
using Review = ServerlessOps.Workflows.MonthlyReview.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Review.AggregateChannelActivity"/>.</summary>
public static class AggregateChannelActivity
{
    [Function(nameof(AggregateChannelActivity))]
    public static Task<ChannelFactsRef> RunAsync([ActivityTrigger] ChannelStep input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Review.AggregateChannelActivity, ChannelStep, ChannelFactsRef>(context, input);
}
