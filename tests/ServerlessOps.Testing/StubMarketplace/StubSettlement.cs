namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>What one settlement row moved, as the stub renders it into each channel's shape.</summary>
public enum StubSettlementKind
{
    Sale,
    Fee,
    Refund,
    Adjustment,
}

/// <summary>
/// One row a channel settled: signed as the seller sees it (a fee is negative). <paramref name="OrderId"/> is the channel's
/// order id (null for an account-level fee or adjustment).
/// </summary>
public sealed record StubSettlementRow(string? OrderId, StubSettlementKind Kind, decimal Amount, DateTimeOffset PostedAt)
{
    /// <summary>The fee's type (Amazon FeeType, Walmart Amount Type); default per channel.</summary>
    public string? FeeType { get; init; }

    public string? Sku { get; init; }

    /// <summary>Amazon OrderItemId, Walmart PO line number.</summary>
    public string? LineId { get; init; }

    /// <summary>
    /// Amazon: the sales tax the buyer paid on this sale, which Amazon collected and withheld as marketplace facilitator
    /// (a <c>Tax</c> charge and an equal <c>MarketplaceFacilitatorTax-Principal</c> in <c>ItemTaxWithheldList</c>): net
    /// zero, so what the payout paid is unchanged. Other channels ignore it.
    /// </summary>
    public decimal? TaxWithheld { get; init; }

    /// <summary>The row's currency when it is not the payout's (Amazon, Shopify and Walmart state one per row); null = the payout's.</summary>
    public string? Currency { get; init; }

    /// <summary>
    /// Amazon: the event list the row is served in when not the one its kind implies: <c>ChargebackEventList</c> or
    /// <c>GuaranteeClaimEventList</c> (an order's refund row), <c>ProductAdsPaymentEventList</c>,
    /// <c>SellerDealPaymentEventList</c> or <c>CouponPaymentEventList</c> (a fee row of no order),
    /// <c>SAFETReimbursementEventList</c> (a claim paid to the seller: <see cref="FeeType"/> is its reason code),
    /// <c>FBALiquidationEventList</c> (rows posted together are one liquidation: a fee row its fee, any other its proceeds),
    /// <c>DebtRecoveryEventList</c> or <c>RetrochargeEventList</c> (lists the reader does not read). Other channels ignore it.
    /// </summary>
    public string? AmazonList { get; init; }
}

/// <summary>
/// A payout the stub serves: its rows and what the channel says it paid, Σ rows unless a mismatch is planted
/// (<see cref="StubMarketplace.PlantPayoutMismatch"/>).
/// </summary>
public sealed record StubPayout(string PayoutId, string Currency, DateTimeOffset PaidAt, IReadOnlyList<StubSettlementRow> Rows)
{
    /// <summary>Added to Σ rows in what the channel says it paid.</summary>
    public decimal PaidDelta { get; init; }

    /// <summary>Amazon: the event group is still open (<c>ProcessingStatus</c> <c>Open</c>), so its rows are served but its total is not final.</summary>
    public bool Open { get; init; }

    public decimal Paid => Rows.Sum(r => r.Amount) + PaidDelta;

    /// <summary>When the period started: its first row's posting, or the payout time when it has none.</summary>
    public DateTimeOffset StartedAt => Rows.Count == 0 ? PaidAt : Rows.Min(r => r.PostedAt) < PaidAt ? Rows.Min(r => r.PostedAt) : PaidAt;
}
