using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Infrastructure.Catalog;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>Catalog items for tests whose subject needs a SKU to exist in brand acme's catalog and nothing more (no listings).</summary>
internal static class CatalogSeed
{
    public static async Task PutItemAsync(TestApp app, string sku)
    {
        var item = new CatalogItem("acme", sku, $"Item {sku}", null, CatalogItemStatus.Active, "USD", 10m, null, []);
        Xunit.Assert.Empty(item.Validate());
        await app.Services.GetRequiredService<CatalogStore>().PutItemAsync(item, "test", TestContext.Current.CancellationToken);
    }
}
