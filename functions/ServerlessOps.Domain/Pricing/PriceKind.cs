namespace ServerlessOps.Domain.Pricing;

/// <summary>Whose price a <see cref="PriceChange"/> is.</summary>
public enum PriceKind
{
    /// <summary>Our own listing price (Shopify variant price).</summary>
    OwnListing,

    /// <summary>The Buy Box price on the channel (Amazon, Walmart).</summary>
    BuyBox,

    /// <summary>The lowest competing offer (Amazon ANY_OFFER_CHANGED).</summary>
    LowestOffer,
}
