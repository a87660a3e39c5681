namespace ServerlessOps.Domain.Brands;

/// <summary>What an order flow does when a line sells below the brand's margin floor.</summary>
public enum PriceBreachAction
{
    /// <summary>Hold the order until its pricing owner decides (the default: a price error costs more than a delay).</summary>
    Hold,

    /// <summary>Fulfil it and alert the pricing owner.</summary>
    Continue,
}
