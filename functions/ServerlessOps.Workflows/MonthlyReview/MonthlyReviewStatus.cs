using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview;

/// <summary>
/// The review's custom status while it runs: the phase it is in, the rows read so far (order lines, then every source)
/// and the findings so far. What <c>GET …/reviews/{month}</c> shows; replaced at each phase.
/// </summary>
public sealed record MonthlyReviewStatus(ReviewPhase Phase, long RowsRead, int Findings, int ChannelsDone, int Channels);
