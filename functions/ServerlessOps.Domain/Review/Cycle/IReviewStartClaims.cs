namespace ServerlessOps.Domain.Review.Cycle;

/// <summary>
/// One <see cref="ReviewStartClaim"/> per brand and month, written only by conditional writes (create, or replace if the
/// ETag still matches), so of any number of concurrent starters exactly one holds the claim.
/// </summary>
public interface IReviewStartClaims
{
    /// <summary>The month's claim, or null before anyone started its review.</summary>
    Task<ReviewStartClaim?> ReadAsync(string brandId, ReviewMonth month, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the month: creates the claim when <paramref name="seen"/> is null, else replaces <paramref name="seen"/> if it is
    /// still as read (one generation more). Null when another starter created or changed the claim first: it holds it.
    /// </summary>
    Task<ReviewStartClaim?> TryClaimAsync(
        string brandId, ReviewMonth month, ReviewStartClaim? seen, string claimedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records that the holder of <paramref name="claim"/> scheduled the orchestration (under the claim's ETag; a lost race is ignored: the newer holder owns the claim).</summary>
    Task MarkScheduledAsync(ReviewStartClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Gives up <paramref name="claim"/> after its schedule failed, so the next start need not wait out the lease (only if still as held).</summary>
    Task ReleaseAsync(ReviewStartClaim claim, CancellationToken cancellationToken = default);
}
