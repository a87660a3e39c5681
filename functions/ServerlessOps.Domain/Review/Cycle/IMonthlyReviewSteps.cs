using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Cycle;

/// <summary>
/// The monthly review's phases as I/O steps the orchestration calls through activities. Each reads what earlier steps
/// wrote to the review's work blobs (named after the brand and month, so a retry finds them) and writes its own,
/// overwriting identically when run again: every step is idempotent, as an activity (at least once) must be.
/// </summary>
public interface IMonthlyReviewSteps
{
    /// <summary>Audit, fan-out: streams one channel's orders in the window into partial facts and the P&amp;L trace.</summary>
    Task<ChannelFactsRef> AggregateChannelAsync(ReviewRun run, SalesChannel channel, CancellationToken cancellationToken = default);

    /// <summary>Audit, fan-in: joins the channels' partials with ad spend, stock, targets and fees.</summary>
    Task<FactsRef> AssembleFactsAsync(ReviewRun run, IReadOnlyList<ChannelFactsRef> channels, CancellationToken cancellationToken = default);

    /// <summary>Audit: the rule catalog over the facts; the material findings.</summary>
    Task<PhaseRef> AuditAsync(ReviewRun run, CancellationToken cancellationToken = default);

    /// <summary>Prioritize: the ranked roadmap, and last cycle's roadmap against this month's findings.</summary>
    Task<PhaseRef> PrioritizeAsync(ReviewRun run, CancellationToken cancellationToken = default);

    /// <summary>Build: stores the roadmap's daily checks as the brand's enforced alert rules and tells each owner.</summary>
    Task<PhaseRef> BuildAsync(ReviewRun run, CancellationToken cancellationToken = default);

    /// <summary>Scale: winners and losers with budget shifts.</summary>
    Task<PhaseRef> ScaleAsync(ReviewRun run, CancellationToken cancellationToken = default);

    /// <summary>Report: renders the files and publishes them (idempotent: the archive writes a version once).</summary>
    Task<ReviewPublished> PublishAsync(ReviewRun run, CancellationToken cancellationToken = default);
}
