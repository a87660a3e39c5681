using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Review.Operations;
using ServerlessOps.Workflows.MonthlyReview;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Starts <see cref="MonthlyReviewOrchestrator"/> under its deterministic id (<see cref="ReviewIds"/>): a start that
/// meets an instance of the id (pending, running, completed) starts nothing, so the hourly tick, its catch-up and the
/// manual route make one review per brand and month. Only a start asked to restart failed reviews (the manual route) runs a
/// failed or terminated review again under the same id.
/// </summary>
public sealed class MonthlyReviewStarter(IOptionsMonitor<MonthlyReviewOptions> options)
{
    /// <summary>The last closed month whose review is due at <paramref name="now"/> in the brand's time zone: the month
    /// just closed once the local time has passed <see cref="MonthlyReviewOptions.StartHour"/> on the 1st, else the one before.</summary>
    public ReviewMonth DueMonth(Brand brand, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, ReviewFactsBuilder.TimeZoneOf(brand));
        var current = new ReviewMonth(local.Year, local.Month);
        return local.Day == 1 && local.Hour < options.CurrentValue.StartHour ? current.Previous.Previous : current.Previous;
    }

    /// <returns>Whether this call scheduled the instance (false: one existed and was left as it is).</returns>
    public async Task<bool> StartAsync(DurableTaskClient client, string brandId, ReviewMonth month, string startedBy, bool restartFailed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = ReviewIds.For(brandId, month);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && !(restartFailed && existing.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(MonthlyReviewOrchestrator), new MonthlyReviewInput(brandId, month.ToString(), startedBy), new StartOrchestrationOptions(instanceId), cancellationToken);
            return true;
        }
        catch (Exception e) when (IsAlreadyExists(e))
        {
            // Another tick or caller started it between our read and our start: that one is the review.
            return false;
        }
    }

    /// <summary>The standalone client throws the engine's exception; the extension's gRPC client an RpcException with AlreadyExists.</summary>
    private static bool IsAlreadyExists(Exception e) =>
        e is OrchestrationAlreadyExistsException
        || (e.GetType().Name == "RpcException" && e.Message.Contains("AlreadyExists", StringComparison.Ordinal));
}
