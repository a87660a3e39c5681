using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Cycle;

/// <summary>One channel's aggregation: where its partial facts and P&amp;L trace went, and how many rows it read.</summary>
public sealed record ChannelFactsRef(SalesChannel Channel, string FactsBlob, string PnlLinesBlob, long OrdersRead, long LinesRead);

/// <summary>The assembled facts' blob and the rows read per source.</summary>
public sealed record FactsRef(string FactsBlob, IReadOnlyDictionary<string, long> RowsRead);

/// <summary>A phase's output blob and how many items it holds (findings, roadmap items, alert rules, scale calls).</summary>
public sealed record PhaseRef(string Blob, int Count);

/// <summary>The published report: its period, version and files.</summary>
public sealed record ReviewPublished(string Period, string Version, IReadOnlyList<string> Files, string Owner);
