namespace ServerlessOps.Testing.Scenarios;

/// <summary>One item the scenario brand sells, with its id on every channel (the first two are the samples' items).</summary>
public sealed record ScenarioProduct(
    string Sku,
    string Title,
    string VariantTitle,
    decimal Price,
    long ShopifyProductId,
    long ShopifyVariantId,
    long ShopifyInventoryItemId,
    string Asin,
    string WalmartItemId,
    string TikTokProductId,
    string TikTokSkuId)
{
    public static IReadOnlyList<ScenarioProduct> Catalog { get; } =
    [
        new("ACME-TEE-BLK-M", "Acme Classic Tee", "Black / M", 24.00m, 8801122334455, 45001122334455, 47001122334455, "B0EXAMPL01", "5521003343", "1729400000000000001", "1729500000000000101"),
        new("ACME-MUG-12OZ", "Acme Enamel Mug", "12 oz", 14.50m, 8801122334466, 45001122334466, 47001122334466, "B0EXAMPL02", "5521003344", "1729400000000000002", "1729500000000000202"),
        new("ACME-HOODIE-GRY-L", "Acme Zip Hoodie", "Grey / L", 49.00m, 8801122334477, 45001122334477, 47001122334477, "B0EXAMPL03", "5521003345", "1729400000000000003", "1729500000000000303"),
        new("ACME-CAP-NVY", "Acme Twill Cap", "Navy", 19.00m, 8801122334488, 45001122334488, 47001122334488, "B0EXAMPL04", "5521003346", "1729400000000000004", "1729500000000000404"),
    ];

    public string FullTitle => $"{Title}, {VariantTitle.Replace(" / ", ", ", StringComparison.Ordinal)}";
}
