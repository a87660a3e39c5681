using Microsoft.DurableTask;
using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview.Activities;

/// <summary>
/// Audit fan-out: one channel's orders in the review window, streamed into partial facts and the P&amp;L trace. Runs at least once: the step overwrites its work blob with the same content (<see cref="IMonthlyReviewSteps"/>).
/// </summary>
public sealed class AggregateChannelActivity(IMonthlyReviewSteps steps) : TaskActivity<ChannelStep, ChannelFactsRef>
{
    public override Task<ChannelFactsRef> RunAsync(TaskActivityContext context, ChannelStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.AggregateChannelAsync(input.Run, input.Channel);
    }
}
