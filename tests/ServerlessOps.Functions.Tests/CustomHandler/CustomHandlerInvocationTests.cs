using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Tests.CustomHandler;

/// <summary>Non-HTTP triggers as the Functions host delivers them: POST /{FunctionName} with the custom-handler envelope.</summary>
public sealed class CustomHandlerInvocationTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task ProcessWebhookDelivery_QueueMessageInHostEnvelope_ProcessesTheDelivery()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var ack = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        var message = await ReceiveOneAsync(app);

        // With triggers off nothing has processed it: only the host's invocation below can.
        Assert.Null(await app.Client.GetOrderAsync("shopify:" + Deliveries.ShopifyOrderId));

        using var response = await app.Client.Http.PostAsJsonAsync(
            new Uri("/ProcessWebhookDelivery", UriKind.Relative),
            new { Data = new { message }, Metadata = new { DequeueCount = 1 } },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invocation = Json.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(invocation.TryGetProperty("outputs", out _) || invocation.TryGetProperty("Outputs", out _), Json.Shorten(invocation));
        var entry = await app.Client.WaitForEventAsync(ack.DeliveryKey, timeout: TimeSpan.FromSeconds(5));
        Assert.Equal("Applied", entry.Str("outcome"));
        await app.Client.WaitForOrderAsync("shopify:" + Deliveries.ShopifyOrderId, timeout: TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ProcessPoisonDelivery_QueueMessageInHostEnvelope_QuarantinesWithTheFailureCount()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var ack = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        var message = await ReceiveOneAsync(app);

        using var response = await app.Client.Http.PostAsJsonAsync(
            new Uri("/ProcessPoisonDelivery", UriKind.Relative),
            new { Data = new { message }, Metadata = new { DequeueCount = "1" } },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, timeout: TimeSpan.FromSeconds(5));
        Assert.Contains("failed 5 times", entry.Str("reason"), StringComparison.Ordinal);
        Assert.Equal("Quarantined", (await app.Client.WaitForEventAsync(ack.DeliveryKey, timeout: TimeSpan.FromSeconds(5))).Str("outcome"));
    }

    [Fact]
    public async Task CustomHandler_UnknownFunctionName_Is404()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var response = await app.Client.Http.PostAsJsonAsync(
            new Uri("/NoSuchFunction", UriKind.Relative), new { Data = new { }, Metadata = new { } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("NoSuchFunction", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomHandler_QueueFunctionWithoutMessageBinding_Is400()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var response = await app.Client.Http.PostAsJsonAsync(
            new Uri("/ProcessWebhookDelivery", UriKind.Relative), new { Data = new { }, Metadata = new { } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("message", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>The message the webhook edge queued, exactly as the Functions host would receive it (decoded text).</summary>
    private static async Task<string> ReceiveOneAsync(TestApp app)
    {
        var queue = app.Services.GetRequiredService<DeliveryQueues>().Queue;
        var received = await Poll.UntilAsync(
            async ct => (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5), ct)).Value,
            "the delivery message on the queue",
            TimeSpan.FromSeconds(10));
        return received.Body.ToString();
    }
}
