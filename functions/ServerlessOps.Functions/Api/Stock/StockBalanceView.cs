using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Functions.Api.Stock;

/// <summary>A SKU's stock per location as the ledger holds it, and the totals over those locations.</summary>
public sealed record StockBalancesView(string BrandId, string Sku, int OnHand, int Reserved, int Available, IReadOnlyList<StockBalanceView> Balances)
{
    public static StockBalancesView From(string brandId, string sku, IReadOnlyList<StockBalance> balances)
    {
        ArgumentNullException.ThrowIfNull(balances);
        var views = balances.Select(StockBalanceView.From).ToList();
        return new StockBalancesView(brandId, sku, views.Sum(b => b.OnHand), views.Sum(b => b.Reserved), views.Sum(b => b.Available), views);
    }
}

/// <summary>One location: units there, units orders hold, and what may still be sold (on hand − reserved, never below zero).</summary>
public sealed record StockBalanceView(string Location, int OnHand, int Reserved, int Available)
{
    public static StockBalanceView From(StockBalance balance)
    {
        ArgumentNullException.ThrowIfNull(balance);
        return new StockBalanceView(balance.Location, balance.OnHand, balance.Reserved, balance.Available);
    }
}
