namespace ServerlessOps.Domain.Catalog;

/// <summary>What a percentage fee is taken of: the net amount (after discounts, before tax) or the total the buyer paid (tax and shipping included).</summary>
public enum FeeBasis
{
    Net,
    Total,
}
