using System.Net;
using System.Text;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Catalog;

/// <summary>
/// A catalog import that adds or moves a listing owes it a push, as a ledger change does: the channel has never been
/// told the listing's available-to-sell, or was told the old location's. Triggers are off, so the push stays queued and
/// the listing's push state (dirty, queued) is what proves the mark.
/// </summary>
public sealed class CatalogImportPushTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CatalogImport_AddsAListing_MarksItForAPushWithoutAnyLedgerChange()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await ImportAsync(app, "sku,title,currency,shopifyInventoryItemId,shopifyLocationId\nMUG-9,Mug,USD,4413,77\n");

        await ImportAsync(app, "sku,title,currency,shopifyInventoryItemId,shopifyLocationId,walmartShipNode\nMUG-9,Mug,USD,4413,77,SN-1\n");

        var walmart = (await app.Client.GetOkBodyAsync("api/brands/acme/inventory/MUG-9/available-to-sell")).Items("listings")
            .Single(l => l.Str("channel") == "Walmart");
        Assert.True(walmart.GetProperty("dirty").GetBoolean(), $"The Walmart listing the import added is not marked for a push: {walmart}");
    }

    private static async Task ImportAsync(TestApp app, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await app.Client.Http.PostAsync(new Uri("api/brands/acme/imports/catalog", UriKind.Relative), content, Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
    }
}
