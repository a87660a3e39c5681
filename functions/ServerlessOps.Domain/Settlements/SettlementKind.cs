namespace ServerlessOps.Domain.Settlements;

/// <summary>What a settlement line moved. Stored by name, so a member is never renamed.</summary>
public enum SettlementKind
{
    /// <summary>Money the buyer paid for the order (item price, shipping, tax collected for the seller).</summary>
    Sale,

    /// <summary>A fee the channel charged (referral, FBA, payment processing, commission); <see cref="SettlementLine.FeeType"/> names it.</summary>
    Fee,

    /// <summary>Money given back to the buyer.</summary>
    Refund,

    /// <summary>Anything else the channel moved (reimbursements, reserves, corrections, chargebacks).</summary>
    Adjustment,
}
