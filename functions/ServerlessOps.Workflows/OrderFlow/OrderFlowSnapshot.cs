using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;

namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>
/// The order as the truth holds it now, reduced to what the flow decides by, with the brand's policy and (when asked)
/// the catalog facts of SKUs the flow has not resolved yet. The result of <see cref="Activities.LoadOrderActivity"/>.
/// </summary>
/// <param name="Found">False when the order is not in the truth (never stored, or erased).</param>
/// <param name="IsHistory">Placed before the brand's go-live: the flow does nothing.</param>
/// <param name="Currency">ISO 4217 code of the order's amounts.</param>
/// <param name="PlacedAt">When the buyer placed it.</param>
/// <param name="Delivered">The channel reports every shipped unit delivered.</param>
/// <param name="Lines">Each line's units as the truth counts them now.</param>
/// <param name="Policy">The brand's numbers the flow decides by.</param>
/// <param name="Catalog">The SKUs asked for, resolved; null when none was asked.</param>
public sealed record OrderFlowSnapshot(
    bool Found,
    bool IsHistory,
    string Currency,
    DateTimeOffset PlacedAt,
    bool Delivered,
    IReadOnlyList<FlowOrderLine> Lines,
    FlowPolicy Policy,
    FlowCatalogResolution? Catalog)
{
    public static OrderFlowSnapshot NotFound { get; } =
        new(false, false, "XXX", DateTimeOffset.MinValue, false, [], FlowPolicy.From(BrandPolicy.Default), null);

    /// <summary>The channel's ship-by, when it states one.</summary>
    public DateTimeOffset? ShipBy { get; init; }

    /// <summary>The channel account the order came through: the one a channel call about the order is made as.</summary>
    public string? ChannelAccountId { get; init; }

    /// <summary>Every unit of every line cancelled.</summary>
    public bool FullyCancelled => Lines.Count > 0 && Lines.All(l => l.Cancelled >= l.Quantity);
}

/// <summary>One order line's units now.</summary>
public sealed record FlowOrderLine(string LineId, string Sku, int Quantity, int Shipped, int Cancelled, int Returned, decimal? UnitPrice, decimal? Discount, decimal? Tax)
{
    /// <summary>Units still to ship: ordered − cancelled − shipped, never below zero.</summary>
    public int Open => Math.Max(0, Quantity - Math.Min(Quantity, Cancelled) - Shipped);
}

/// <summary>The parts of <see cref="BrandPolicy"/> the flow reads.</summary>
public sealed record FlowPolicy(decimal MarginFloorPercent, PriceBreachAction OnPriceBreach, bool RestockOnReturn, int ReturnWindowDays, TimeSpan DefaultShipWithin)
{
    public static FlowPolicy From(BrandPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.MarginFloorPercent, policy.OnPriceBreach, policy.RestockOnReturn, policy.ReturnWindowDays, policy.DefaultShipWithin);
    }
}

/// <summary>A catalog resolution as the flow keeps it (<see cref="CatalogResolution"/>).</summary>
public sealed record FlowCatalogResolution(IReadOnlyDictionary<string, FlowCatalogLine> Lines, IReadOnlyList<string> Unmapped, IReadOnlyList<FeeRule> Fees);
