namespace ServerlessOps.Domain.Review.Cycle;

/// <summary>
/// Who may schedule a brand's review of a month right now: the one starter whose conditional write created (or, by its
/// ETag, replaced) this claim. Scheduling the orchestration is not itself exclusive under concurrent starts (two starters
/// that both read "no instance" can both schedule it), so every start first claims; the losers start nothing.
/// </summary>
/// <param name="Generation">1 for the first start of the month, one more for each restart or takeover.</param>
/// <param name="ClaimedBy">The tick or the caller that holds the claim.</param>
/// <param name="Scheduled">Whether the holder scheduled the orchestration; a claim left unscheduled past the lease means its holder died in between.</param>
/// <param name="ETag">The claim's version as read: the next claim replaces it only if nobody wrote it since.</param>
public sealed record ReviewStartClaim(
    string BrandId,
    ReviewMonth Month,
    int Generation,
    string ClaimedBy,
    DateTimeOffset ClaimedAt,
    bool Scheduled,
    string ETag);
