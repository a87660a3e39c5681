namespace ServerlessOps.Domain.Inventory;

/// <summary>One SKU's units at one location: what is there, and how much of it orders hold.</summary>
public sealed record StockBalance(string BrandId, string Sku, string Location, int OnHand, int Reserved)
{
    /// <summary>Units an order may still take: on hand − reserved, never below zero.</summary>
    public int Available => Math.Max(0, OnHand - Reserved);
}
