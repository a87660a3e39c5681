namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>One row of a stock-count file: at <see cref="CountedAt"/> someone found <see cref="Quantity"/> units of the SKU at the location.</summary>
public sealed record StockCount(string Sku, string Location, int Quantity, DateTimeOffset CountedAt, string? Reason);
