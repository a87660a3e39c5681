using System.Net;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Errors;

public sealed class StoreOutageTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task ShopifyWebhook_StorageDown_Is503WithRetryAfterAndNothingAcknowledged()
    {
        var azurite = await AzuriteFixture.StartAsync(TestContext.Current.CancellationToken);
        await using var factory = new FunctionAppFactory(fixture.Settings(
            LocalStackSettings.NewRunId(), overrides: TestApp.TriggersOff(), azurite: azurite));
        using var client = new AppClient(factory.CreateClient());
        var before = await client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        Assert.Equal("accepted", before.Status);

        await azurite.DisposeAsync();
        using var response = await client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"));

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "Retry later");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After was '{response.Headers.RetryAfter}'.");
    }
}
