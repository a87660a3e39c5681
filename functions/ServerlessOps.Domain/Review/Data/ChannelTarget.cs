using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Data;

/// <summary>What a brand aims for on a channel in a month: net revenue in its base currency, and a contribution margin.</summary>
/// <param name="MarginPercent">Target contribution margin in percent of net revenue; null when none was set.</param>
public sealed record ChannelTarget(string BrandId, ReviewMonth Month, SalesChannel Channel, decimal Revenue, decimal? MarginPercent, string Currency, string SourceRow);
