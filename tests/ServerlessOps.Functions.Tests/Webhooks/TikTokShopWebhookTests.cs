using System.Net;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class TikTokShopWebhookTests(FunctionAppFixture fixture)
{
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    [Fact]
    public async Task TikTokShopWebhook_ValidSignature_IsAcceptedAndOrderIsReReadFromApi()
    {
        await using var app = TestApp.Start(fixture);
        var orderId = Deliveries.NewTikTokOrderId();
        fixture.Marketplace.PutTikTokOrder(orderId, Deliveries.TikTokOrder(orderId));
        var notificationId = Deliveries.Digits(19);

        var ack = await app.Client.SendAcceptedAsync(Deliveries.TikTok(Deliveries.TikTokStatusChange(orderId, notificationId), notificationId));

        Assert.Equal(DeliveryKey.For(SalesChannel.TikTokShop, Accounts.TikTokShopId, notificationId), ack.DeliveryKey);
        Assert.Equal("accepted", ack.Status);
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var order = (await app.Client.WaitForOrderAsync($"tiktok:{orderId}")).GetProperty("order");
        Assert.Equal(Accounts.TikTokShopId, order.Str("channelAccountId"));
        Assert.Equal("AwaitingFulfilment", order.Str("status"));
        Assert.Equal("USD", order.Str("currency"));
        Assert.Equal(57.51m, order.Dec("total"));
        Assert.Contains(order.Items("lines"), l => l.Str("sku") == "ACME-TEE-BLK-M" && l.Dec("unitPrice") == 24.00m);
        Assert.Contains(fixture.Marketplace.Requests(SalesChannel.TikTokShop), r => r.StatusCode == 200 && r.Outcome == "served");
    }

    [Fact]
    public async Task TikTokShopWebhook_StatusChangeThenCancellation_OrderFollowsApiAndALateSignalIsStale()
    {
        await using var app = TestApp.Start(fixture);
        var orderId = Deliveries.NewTikTokOrderId();
        fixture.Marketplace.PutTikTokOrder(orderId, Deliveries.TikTokOrder(orderId));
        var first = Deliveries.Digits(19);
        var placed = await app.Client.SendAcceptedAsync(Deliveries.TikTok(Deliveries.TikTokStatusChange(orderId, first), first));
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(placed.DeliveryKey)).Str("outcome"));

        // The buyer cancels: TikTok's API now has the newer version, and the cancellation webhook (type 11) says so.
        var cancelledAt = DateTimeOffset.FromUnixTimeSeconds(1795205018);
        fixture.Marketplace.PutTikTokOrder(orderId, Deliveries.TikTokOrder(orderId, cancelledAt));
        var second = Deliveries.Digits(19);
        var cancellation = Deliveries.Utf8(ChannelSamples.Text("tiktok-cancellation-status-change.json")
            .Replace(Deliveries.TikTokSampleOrderId, orderId, StringComparison.Ordinal)
            .Replace("7440112233445566902", second, StringComparison.Ordinal));
        var cancelled = await app.Client.SendAcceptedAsync(Deliveries.TikTok(cancellation, second));
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(cancelled.DeliveryKey)).Str("outcome"));

        // A late status-change signal re-reads the same version: recorded as stale, order unchanged.
        var third = Deliveries.Digits(19);
        var late = await app.Client.SendAcceptedAsync(Deliveries.TikTok(Deliveries.TikTokStatusChange(orderId, third), third));
        Assert.Equal("Stale", (await app.Client.WaitForEventAsync(late.DeliveryKey)).Str("outcome"));

        var stored = await app.Client.WaitForOrderAsync($"tiktok:{orderId}");
        Assert.Equal("Cancelled", stored.GetProperty("order").Str("status"));
        Assert.Equal(cancelledAt, stored.GetProperty("order").GetProperty("version").Time("updatedAt"));
        Assert.Equal(new[] { "Stale", "Applied", "Applied" }, stored.Items("deliveries").Select(d => d.Str("outcome")).ToArray());
    }

    /// <summary>
    /// Acceptance run gap: a refund visible only through return-status webhooks (type 12) was lost and the order stayed
    /// DELIVERED. The return is now read from TikTok's Search Returns and the refund recorded on the order.
    /// </summary>
    [Fact]
    public async Task TikTokShopWebhook_ReturnRefundedAfterDelivery_RecordsTheRefundWhileTikTokStillSaysDelivered()
    {
        await using var app = TestApp.Start(fixture);
        var orderId = Deliveries.NewTikTokOrderId();
        var delivered = Deliveries.TikTokOrder(orderId).Replace("\"status\": \"AWAITING_SHIPMENT\"", "\"status\": \"DELIVERED\"", StringComparison.Ordinal);
        fixture.Marketplace.PutTikTokOrder(orderId, delivered);
        var first = Deliveries.Digits(19);
        var placed = await app.Client.SendAcceptedAsync(Deliveries.TikTok(Deliveries.TikTokStatusChange(orderId, first), first));
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(placed.DeliveryKey)).Str("outcome"));

        // The buyer returns the mug and is refunded: the order detail does not change (same update_time, still
        // DELIVERED); only Search Returns shows it, and the type 12 webhook says a return changed.
        var refundedAt = DateTimeOffset.FromUnixTimeSeconds(1795632011);
        var returnId = Deliveries.Digits(19);
        fixture.Marketplace.PutTikTokReturns(orderId, TikTokReturnDocuments.Return(
            orderId, returnId, "RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_COMPLETE", refundedAt.AddDays(-1), refundedAt,
            [new("577000000000000103", "1729500000000000202", "ACME-MUG-12OZ", 13.05m, 0.76m)]));
        var second = Deliveries.Digits(19);
        var returned = Deliveries.Utf8(ChannelSamples.Text("tiktok-return-status-change.json")
            .Replace(Deliveries.TikTokSampleOrderId, orderId, StringComparison.Ordinal)
            .Replace("7440112233445567113", second, StringComparison.Ordinal)
            .Replace("RETURN_OR_REFUND_REQUEST_PENDING", "RETURN_OR_REFUND_REQUEST_COMPLETE", StringComparison.Ordinal));
        var refund = await app.Client.SendAcceptedAsync(Deliveries.TikTok(returned, second));

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(refund.DeliveryKey)).Str("outcome"));
        var order = (await app.Client.WaitForOrderAsync($"tiktok:{orderId}")).GetProperty("order");
        Assert.Equal("DELIVERED", order.Str("channelStatus"));
        Assert.Equal("PartiallyRefunded", order.Str("status"));
        Assert.Equal(13.81m, order.Dec("refundedAmount"));
        var stored = Assert.Single(order.Items("refunds"));
        Assert.Equal(returnId, stored.Str("id"));
        Assert.Equal(0.76m, stored.Dec("tax"));
        var mug = order.Items("lines").Single(l => l.Str("sku") == "ACME-MUG-12OZ");
        Assert.Equal(1, mug.Number("quantityReturned"));
        Assert.Equal(13.81m, mug.Dec("refundedAmount"));
        Assert.Contains(fixture.Marketplace.Requests(SalesChannel.TikTokShop), r => r.Path == "/return_refund/202309/returns/search" && r.Outcome == "served returns");
    }

    [Fact]
    public async Task TikTokShopWebhook_TamperedBody_IsRejectedAndNothingStored()
    {
        await using var app = TestApp.Start(fixture);
        var notificationId = Deliveries.Digits(19);
        var body = Deliveries.TikTokStatusChange(Deliveries.NewTikTokOrderId(), notificationId);
        var signed = Deliveries.TikTok(body, notificationId);
        var tampered = signed with { Body = Deliveries.Utf8(System.Text.Encoding.UTF8.GetString(body).Replace("\"AWAITING_SHIPMENT\"", "\"CANCEL\"", StringComparison.Ordinal)) };

        using var response = await app.Client.SendAsync(tampered);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, Accounts.TikTokShopId);
        await app.Client.AssertNothingStoredAsync(SalesChannel.TikTokShop, DeliveryKey.For(SalesChannel.TikTokShop, Accounts.TikTokShopId, notificationId));
    }

    [Fact]
    public async Task TikTokShopWebhook_WrongSignature_IsRejectedAndNothingStored()
    {
        await using var app = TestApp.Start(fixture);
        var notificationId = Deliveries.Digits(19);
        var forged = Deliveries.TikTok(Deliveries.TikTokStatusChange(Deliveries.NewTikTokOrderId(), notificationId), notificationId, Accounts with { TikTokAppSecret = "not-the-app-secret" });

        using var response = await app.Client.SendAsync(forged);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        await app.Client.AssertNothingStoredAsync(SalesChannel.TikTokShop, DeliveryKey.For(SalesChannel.TikTokShop, Accounts.TikTokShopId, notificationId));
    }
}
