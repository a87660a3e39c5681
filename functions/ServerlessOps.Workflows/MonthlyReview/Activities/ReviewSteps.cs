using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview.Activities;

/// <summary>The input of <see cref="AggregateChannelActivity"/>: the review and the channel to aggregate.</summary>
public sealed record ChannelStep(ReviewRun Run, SalesChannel Channel);

/// <summary>The input of <see cref="AssembleReviewFactsActivity"/>: the review and where each channel's partial went.</summary>
public sealed record AssembleStep(ReviewRun Run, IReadOnlyList<ChannelFactsRef> Channels);
