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
/// failed, terminated or purged review again under the same id.
/// <para>
/// Reading the instance and then scheduling is "check, then insert": concurrent ticks and starts that all read "no
/// instance" would all schedule it (the engine accepts a second start of an id whose first is still pending and may run the
/// review twice). So a start first claims the month by a conditional write (<see cref="IReviewStartClaims"/>) and only the
/// holder schedules. The claim is read before the instance: a claim changed since (by a start that then scheduled) makes
/// our replace fail, so a restart decided on a status that was already stale cannot win.
/// </para>
/// </summary>
public sealed class MonthlyReviewStarter(IOptionsMonitor<MonthlyReviewOptions> options, IReviewStartClaims claims, TimeProvider time)
{
    /// <summary>
    /// How long a claim whose holder has not yet scheduled keeps other starts away. A holder schedules within a second or
    /// two of claiming; one still unscheduled after this died in between, and the next start takes the claim over.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>The last closed month whose review is due at <paramref name="now"/> in the brand's time zone: the month
    /// just closed once the local time has passed <see cref="MonthlyReviewOptions.StartHour"/> on the 1st, else the one before.</summary>
    public ReviewMonth DueMonth(Brand brand, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, ReviewFactsBuilder.TimeZoneOf(brand));
        var current = new ReviewMonth(local.Year, local.Month);
        return local.Day == 1 && local.Hour < options.CurrentValue.StartHour ? current.Previous.Previous : current.Previous;
    }

    /// <returns>Whether this call scheduled the instance (false: one existed, or another start holds the month's claim).</returns>
    public async Task<bool> StartAsync(DurableTaskClient client, string brandId, ReviewMonth month, string startedBy, bool restartFailed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = ReviewIds.For(brandId, month);
        var claim = await claims.ReadAsync(brandId, month, cancellationToken);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && !(restartFailed && existing.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return false;
        }

        // Scheduled once and purged since: the month's report is published and immutable, only an explicit start reruns it.
        if (existing is null && claim is { Scheduled: true } && !restartFailed)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (claim is { Scheduled: false } && now - claim.ClaimedAt < ClaimLease)
        {
            return false; // another start is between its claim and its schedule
        }

        var mine = await claims.TryClaimAsync(brandId, month, claim, startedBy, now, cancellationToken);
        if (mine is null)
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(MonthlyReviewOrchestrator), new MonthlyReviewInput(brandId, month.ToString(), startedBy), new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception e) when (IsAlreadyExists(e))
        {
            // An instance appeared that no claim covers (started before claims existed, or by hand): that one is the review.
            await claims.MarkScheduledAsync(mine, cancellationToken);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await claims.ReleaseAsync(mine, CancellationToken.None);
            throw;
        }

        await claims.MarkScheduledAsync(mine, cancellationToken);
        return true;
    }

    /// <summary>The standalone client throws the engine's exception; the extension's gRPC client an RpcException with AlreadyExists.</summary>
    private static bool IsAlreadyExists(Exception e) =>
        e is OrchestrationAlreadyExistsException
        || (e.GetType().Name == "RpcException" && e.Message.Contains("AlreadyExists", StringComparison.Ordinal));
}
