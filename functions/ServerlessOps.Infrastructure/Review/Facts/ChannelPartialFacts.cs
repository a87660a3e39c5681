using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// What one channel's orders in the review window add up to (<see cref="ChannelFactsAggregator"/>): the audit fan-out
/// writes one per channel to a work blob and the assembler merges them with the review's other imports. Aggregates
/// only: its size grows with SKUs × months, never with orders.
/// </summary>
/// <param name="Channels">Per month; <see cref="ChannelMonth.AdSpend"/> is zero here (ad spend is added by the assembler).</param>
/// <param name="RecentDays">Per SKU and local day over the velocity window (<see cref="ReviewWindow.VelocityDays"/>).</param>
/// <param name="LastSold">Per SKU, the last local day it sold in the window.</param>
/// <param name="Restatements">Refunds recorded in the reviewed month on orders of the <see cref="ReviewWindow.RestatementMonths"/> months before it.</param>
public sealed record ChannelPartialFacts(
    SalesChannel Channel,
    IReadOnlyList<SkuChannelMonth> Sales,
    IReadOnlyList<ChannelMonth> Channels,
    IReadOnlyList<SkuDaySales> RecentDays,
    IReadOnlyDictionary<string, DateOnly> LastSold,
    IReadOnlyList<Restatement> Restatements,
    long OrdersRead,
    long LinesRead,
    long PnlRows);

/// <summary>One SKU's sales on one local day, base currency, unrounded; <see cref="Cogs"/> covers <see cref="UnitsWithCost"/> only.</summary>
public sealed record SkuDaySales(string Sku, DateOnly Day, int Units, decimal Revenue, decimal Cogs, int UnitsWithCost, decimal RevenueWithCost, decimal FeesWithCost);
