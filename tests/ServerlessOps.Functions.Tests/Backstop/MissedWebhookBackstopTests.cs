using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Functions.Tests.Connections;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Backstop;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.Backstop;

/// <summary>The missed-webhook backstop on the real stores (Cosmos server, Azurite) against the stub marketplace's order lists.</summary>
public sealed class MissedWebhookBackstopTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backstop_OrdersNoWebhookBrought_AreConvergedOnEveryChannelAndCountedMissed()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture);
        var version = DateTimeOffset.UtcNow.AddMinutes(-30);
        var ids = new Dictionary<SalesChannel, string>
        {
            [SalesChannel.Shopify] = BackstopOrders.Shopify(backstop.Marketplace, version),
            [SalesChannel.Amazon] = BackstopOrders.Amazon(backstop.Marketplace, version),
            [SalesChannel.Walmart] = BackstopOrders.Walmart(backstop.Marketplace, version),
            [SalesChannel.TikTokShop] = BackstopOrders.TikTok(backstop.Marketplace, version),
        };

        // Through the operations route, as on-call would.
        using var response = await backstop.App.Client.Http.PostAsync("api/brands/acme/backstop/run", null, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = Json.Parse(await response.Content.ReadAsStringAsync(Token));

        foreach (var (channel, id) in ids)
        {
            var orderId = $"{channel.Slug()}:{id}";
            var account = Assert.Single(report.Items("accounts"), a => a.Str("channel") == channel.ToString());
            Assert.Equal([orderId], account.Items("recovered").Select(r => r.GetString()).ToArray());
            var stored = await backstop.App.Client.WaitForOrderAsync(orderId);
            Assert.Equal(version.ToUnixTimeSeconds(), stored.GetProperty("order").GetProperty("version").Time("updatedAt").ToUnixTimeSeconds());
            var reference = Assert.Single(stored.Items("deliveries"));
            Assert.Equal(MissedWebhookBackstop.Topic, reference.Str("topic"));
        }

        var day = await backstop.App.Client.Http.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"api/brands/acme/backstop?day={AppClient.Day(DateOnly.FromDateTime(version.UtcDateTime))}", Token);
        Assert.Equal(4, day.GetProperty("missed").GetInt32());
        foreach (var channel in ids.Keys)
        {
            Assert.Equal(1, day.GetProperty("channels").GetProperty(channel.Slug()).GetProperty("missed").GetInt32());
        }
    }

    [Fact]
    public async Task Backstop_WebhookCameLongAfterTheChange_CountsItLateAndReadsNothing()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture);
        var id = BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-40));
        var eventId = Deliveries.NewId();
        var ack = await backstop.App.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(id, eventId), eventId));
        Assert.Equal("Applied", (await backstop.App.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var readsBefore = OrderReads(backstop, SalesChannel.Walmart);

        var walmart = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Walmart);

        Assert.Equal([$"walmart:{id}"], walmart.Late);
        Assert.Empty(walmart.Recovered);
        Assert.Equal(1, walmart.AlreadyConverged);
        Assert.Equal(readsBefore, OrderReads(backstop, SalesChannel.Walmart));
        var day = await backstop.App.Services.GetRequiredService<BackstopStore>().GetDayAsync("acme", DateOnly.FromDateTime(DateTime.UtcNow.AddMinutes(-40)), Token);
        Assert.Equal(1, day!.Channels["walmart"].LateCount);
        Assert.Equal(0, day.Channels["walmart"].MissedCount);
    }

    [Fact]
    public async Task Backstop_OrderAWebhookAlreadyConvergedInTime_IsLeftAloneAndNotCounted()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture);
        var id = BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-4));
        var eventId = Deliveries.NewId();
        var ack = await backstop.App.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(id, eventId), eventId));
        Assert.Equal("Applied", (await backstop.App.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var readsBefore = OrderReads(backstop, SalesChannel.Walmart);

        var walmart = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Walmart);

        Assert.Equal((1, 1), (walmart.Listed, walmart.AlreadyConverged));
        Assert.Empty(walmart.Recovered);
        Assert.Empty(walmart.Late);
        Assert.Equal(readsBefore, OrderReads(backstop, SalesChannel.Walmart));
        var stored = await backstop.App.Client.WaitForOrderAsync($"walmart:{id}");
        Assert.Equal([ack.DeliveryKey], stored.Items("deliveries").Select(d => d.Str("deliveryKey")).ToArray());
    }

    /// <summary>
    /// Every write to the truth must be followed by a call to the order's flow (IOrderFlowStarter): a webhook's redelivery
    /// finds its write done and calls again. The backstop's next run is its redelivery: it lists the same change, finds the
    /// order already at that version, and must still start the flow the ended run did not.
    /// </summary>
    [Fact]
    public async Task Backstop_RunEndsBetweenAnOrdersWriteAndItsFlowStart_TheNextRunStartsTheFlow()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture, testServices: services => services.Replace(
            ServiceDescriptor.Singleton<IOrderFlowStarter>(sp => new FlowStartDies(sp.GetRequiredService<DurableOrderFlowStarter>()))));
        var id = BackstopOrders.TikTok(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-20));
        var order = $"tiktok:{id}";
        var flow = OrderFlowIds.For("acme", SalesChannel.TikTokShop, id);
        var client = backstop.App.Services.GetRequiredService<DurableTaskClient>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(backstop.RunAsync);
        Assert.NotNull(await backstop.App.Client.GetOrderAsync(order));
        Assert.Null(await client.GetInstanceAsync(flow, Token));

        await backstop.RunAsync();

        Assert.NotNull(await client.GetInstanceAsync(flow, Token));
    }

    /// <summary>
    /// A run that throws after converging an order has not written its day counts; the rerun finds the order already at
    /// that version (through the backstop's own delivery) and must still count it missed, once.
    /// </summary>
    [Fact]
    public async Task Backstop_RunThrowsAfterConvergingAnOrder_TheRerunStillCountsItMissedOnce()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture, testServices: services => services.Replace(
            ServiceDescriptor.Singleton<IOrderFlowStarter>(sp => new FlowStartDies(sp.GetRequiredService<DurableOrderFlowStarter>()))));
        var version = DateTimeOffset.UtcNow.AddMinutes(-20);
        BackstopOrders.TikTok(backstop.Marketplace, version);
        var store = backstop.App.Services.GetRequiredService<BackstopStore>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(backstop.RunAsync);
        await backstop.RunAsync();
        await backstop.RunAsync();

        var day = await store.GetDayAsync("acme", DateOnly.FromDateTime(version.UtcDateTime), Token);
        Assert.Equal(1, day?.Channels.GetValueOrDefault("tiktok")?.MissedCount ?? 0);
    }

    [Fact]
    public async Task Backstop_OrderPlacedBeforeGoLive_ConvergesFlaggedAsHistory_AndSoDoesItsWebhook()
    {
        var goLive = DateTimeOffset.UtcNow.AddDays(-2);
        await using var backstop = await BackstopTestApp.StartAsync(fixture, new Dictionary<string, string> { ["Brands:acme:GoLive"] = goLive.ToString("O") });
        var changed = DateTimeOffset.UtcNow.AddMinutes(-20);
        var history = BackstopOrders.Walmart(backstop.Marketplace, changed, placedAt: goLive.AddDays(-10));
        var live = BackstopOrders.Walmart(backstop.Marketplace, changed, placedAt: goLive.AddHours(1));

        var walmart = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Walmart);

        Assert.Equal([$"walmart:{history}"], walmart.History);
        Assert.Equal(2, walmart.Recovered.Count);
        Assert.True((await backstop.App.Client.WaitForOrderAsync($"walmart:{history}")).GetProperty("order").GetProperty("isHistory").GetBoolean());
        Assert.False((await backstop.App.Client.WaitForOrderAsync($"walmart:{live}")).GetProperty("order").GetProperty("isHistory").GetBoolean());

        // Whichever path brings it: the webhook path flags a pre-go-live order the same way.
        var viaWebhook = BackstopOrders.Walmart(backstop.Marketplace, changed, placedAt: goLive.AddDays(-1));
        var eventId = Deliveries.NewId();
        var ack = await backstop.App.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(viaWebhook, eventId), eventId));
        Assert.Equal("Applied", (await backstop.App.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        Assert.True((await backstop.App.Client.WaitForOrderAsync($"walmart:{viaWebhook}")).GetProperty("order").GetProperty("isHistory").GetBoolean());
    }

    [Fact]
    public async Task Backstop_SecondRun_ReachesBackByTheOverlapAndNoFurther()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture, new Dictionary<string, string> { ["Backstop:Overlap"] = "00:10:00" });
        var first = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Walmart);
        Assert.True(first.WatermarkAdvanced);
        var watermark = (await backstop.App.Services.GetRequiredService<BackstopStore>().GetWatermarkAsync(BackstopTestApp.Account(SalesChannel.Walmart), Token))!.Value.Position;
        Assert.Equal(first.Until, watermark);

        // Changed before the watermark, as a channel indexing late shows it: inside the overlap it is found, before it not.
        var inOverlap = BackstopOrders.Walmart(backstop.Marketplace, watermark.AddMinutes(-5));
        var beforeOverlap = BackstopOrders.Walmart(backstop.Marketplace, watermark.AddMinutes(-15));

        var second = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Walmart);

        Assert.Equal(watermark.AddMinutes(-10), second.From);
        Assert.Equal([$"walmart:{inOverlap}"], second.Recovered);
        Assert.Null(await backstop.App.Client.GetOrderAsync($"walmart:{beforeOverlap}"));
    }

    [Fact]
    public async Task Backstop_MoreOrdersThanAPage_ReadsEveryPage()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture, new Dictionary<string, string> { ["Backstop:PageSize"] = "2" });
        var ids = Enumerable.Range(1, 5).Select(i => BackstopOrders.TikTok(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-10 - i))).ToList();

        var tiktok = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.TikTokShop);

        Assert.Equal(3, tiktok.Pages);
        Assert.Equal(ids.Select(id => $"tiktok:{id}").Order(), tiktok.Recovered.Order());
        Assert.True(tiktok.WatermarkAdvanced);
    }

    [Fact]
    public async Task Backstop_BacklogBeyondThePageLimit_NarrowsTheWindowAndWorksThroughItInLaterRuns()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture, new Dictionary<string, string>
        {
            ["Backstop:PageSize"] = "1",
            ["Backstop:MaxPagesPerRun"] = "2",
        });
        var now = DateTimeOffset.UtcNow;
        var ids = new[] { -20, -15, -6, -1 }.Select(hours => BackstopOrders.TikTok(backstop.Marketplace, now.AddHours(hours))).ToList();
        var store = backstop.App.Services.GetRequiredService<BackstopStore>();
        var account = BackstopTestApp.Account(SalesChannel.TikTokShop);

        // A day of four changes does not fit two one-order pages: the watermark stays and the next window is half as long.
        var first = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.TikTokShop);
        Assert.False(first.WatermarkAdvanced);
        Assert.Contains("MaxPagesPerRun", first.Error, StringComparison.Ordinal);
        var held = (await store.GetWatermarkAsync(account, Token))!.Value;
        Assert.Equal(first.From + TimeSpan.FromMinutes(2), held.Position);
        Assert.Equal((first.Until - first.From) / 2, held.WindowLimit);

        // The narrower window (the first half of the day) fits: the watermark moves to its end.
        var second = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.TikTokShop);
        Assert.True(second.WatermarkAdvanced);
        Assert.Equal(held.Position - TimeSpan.FromMinutes(2) + held.WindowLimit!.Value, second.Until);

        // The rest of the day, in a window widened again, reaches the settled end and clears the limit.
        var third = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.TikTokShop);
        Assert.True(third.WatermarkAdvanced);
        Assert.Null((await store.GetWatermarkAsync(account, Token))!.Value.WindowLimit);
        foreach (var id in ids)
        {
            Assert.NotNull(await backstop.App.Client.GetOrderAsync($"tiktok:{id}"));
        }
    }

    /// <summary>
    /// More changes in the overlap than the page limit reads: narrowing the window from its start (the watermark less the
    /// overlap) ends windows before the watermark, and completing one moved the watermark back. Every run must leave it
    /// where it was or further on, and the changes must all be converged.
    /// </summary>
    [Fact]
    public async Task Backstop_MoreChangesInTheOverlapThanThePageLimit_TheWatermarkNeverMovesBackAndEveryChangeConverges()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture, new Dictionary<string, string>
        {
            ["Backstop:PageSize"] = "1",
            ["Backstop:MaxPagesPerRun"] = "2",
        });
        var store = backstop.App.Services.GetRequiredService<BackstopStore>();
        var account = BackstopTestApp.Account(SalesChannel.TikTokShop);
        Assert.True(BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.TikTokShop).WatermarkAdvanced);
        var first = (await store.GetWatermarkAsync(account, Token))!.Value.Position;
        var ids = new[] { 100, 70, 40 }.Select(seconds => BackstopOrders.TikTok(backstop.Marketplace, first.AddSeconds(-seconds))).ToList();

        var position = first;
        for (var run = 2; run <= 5; run++)
        {
            await backstop.RunAsync();
            var now = (await store.GetWatermarkAsync(account, Token))!.Value.Position;
            Assert.True(now >= position, $"Run {run} moved the watermark back from {position:O} to {now:O}.");
            position = now;
        }

        Assert.True(position > first, $"The watermark stayed at {first:O}.");
        foreach (var id in ids)
        {
            Assert.NotNull(await backstop.App.Client.GetOrderAsync($"tiktok:{id}"));
        }
    }

    [Fact]
    public async Task Backstop_ChannelAnswers429WithRetryAfter_WaitsItOutWithoutAStorm()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture, new Dictionary<string, string> { ["Backstop:PageSize"] = "1" });
        var ids = Enumerable.Range(1, 3).Select(i => BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-10 - i))).ToList();
        backstop.Marketplace.LimitOrderSearchRate(SalesChannel.Walmart, TimeSpan.FromSeconds(1));
        backstop.Marketplace.FailNext(SalesChannel.Walmart, 1, 429, retryAfter: TimeSpan.FromSeconds(1));

        var walmart = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Walmart);

        Assert.Null(walmart.Error);
        Assert.Equal(ids.Select(id => $"walmart:{id}").Order(), walmart.Recovered.Order());
        var lists = backstop.Marketplace.Requests(SalesChannel.Walmart).Where(r => r.Path == "/v3/orders").ToList();
        var refused = lists.Count(r => r.StatusCode == 429);

        // One injected 429, then at most one per later page (each waited its Retry-After out before asking again).
        Assert.InRange(refused, 1, 1 + (walmart.Pages - 1));
        Assert.Equal(walmart.Pages, lists.Count(r => r.StatusCode == 200));
    }

    [Fact]
    public async Task Backstop_AfterARestart_StartsFromTheStoredWatermark()
    {
        var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var stub = marketplace;
        var runId = LocalStackSettings.NewRunId();
        var settings = BackstopTestApp.Settings();
        DateTimeOffset until;
        await using (var before = new FunctionAppFactory(fixture.Settings(runId, overrides: settings, marketplace: marketplace)))
        {
            var report = await before.Services.GetRequiredService<MissedWebhookBackstop>().RunAsync("acme", Token);
            until = BackstopTestApp.For(report, SalesChannel.Walmart).Until;
        }

        await using var after = new FunctionAppFactory(fixture.Settings(runId, overrides: settings, marketplace: marketplace));
        var again = BackstopTestApp.For(await after.Services.GetRequiredService<MissedWebhookBackstop>().RunAsync("acme", Token), SalesChannel.Walmart);

        Assert.Equal(until.AddMinutes(-2), again.From);
    }

    [Fact]
    public async Task Backstop_WebhooksStoppedWhileOrdersChange_AlertsTheDataOwnerOnce()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture);
        BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-30));
        BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-20));
        var first = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Walmart);
        BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-3));
        BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-3));
        var second = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Walmart);

        // Raised by both runs, but one alert, and its owner is told once: the second raise is a repeat.
        Assert.Equal((AlertRaiseOutcome.Opened, AlertRaiseOutcome.Repeated), (first.WebhooksStoppedAlert, second.WebhooksStoppedAlert));
        var alert = Assert.Single(await backstop.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.WebhooksStopped, cancellationToken: Token));
        Assert.Equal(AlertSubject.ChannelAccount(SalesChannel.Walmart, BackstopTestApp.Account(SalesChannel.Walmart).AccountId), alert.Subject);
        Assert.Equal((2, AlertState.Open), (alert.Occurrences, alert.State));
        Assert.Equal((BrandSignal.Data, SalesChannel.Walmart), (alert.Signal, alert.Channel));

        // Visible to operations through the alerts route.
        var listed = (await backstop.App.Client.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("api/brands/acme/alerts?kind=webhooks-stopped", Token)).Items();
        Assert.Equal(alert.Id, Assert.Single(listed).Str("id"));
    }

    [Fact]
    public async Task Backstop_OrdersMissedWhileTheAccountsWebhooksStillArrive_RaisesNoAlert()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture);
        BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-30));
        BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-20));
        var delivered = BackstopOrders.Walmart(backstop.Marketplace, DateTimeOffset.UtcNow.AddMinutes(-10));
        var eventId = Deliveries.NewId();
        var ack = await backstop.App.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(delivered, eventId), eventId));
        Assert.Equal("Applied", (await backstop.App.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));

        var walmart = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Walmart);

        Assert.Equal(2, walmart.Recovered.Count);
        Assert.Null(walmart.WebhooksStoppedAlert);
        Assert.Empty(await backstop.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.WebhooksStopped, cancellationToken: Token));
    }

    /// <summary>
    /// An account connected just now had no webhooks before: the first run's look back finds orders no webhook brought,
    /// but that says nothing about webhooks having stopped.
    /// </summary>
    [Fact]
    public async Task Backstop_FirstRunAfterTheAccountWasConnected_RaisesNoWebhooksStoppedAlertForChangesBeforeTheConnection()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture, connectable: true);
        BackstopOrders.Amazon(backstop.Marketplace, DateTimeOffset.UtcNow.AddHours(-3));
        BackstopOrders.Amazon(backstop.Marketplace, DateTimeOffset.UtcNow.AddHours(-2));
        await ConnectionHarness.ConnectAsync(backstop.App.Client.Http, "amazon", new { sellingPartnerId = ScenarioAccounts.Default.AmazonSellerId });

        var amazon = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Amazon);

        Assert.Equal(2, amazon.Recovered.Count);
        Assert.Null(amazon.WebhooksStoppedAlert);
        Assert.Empty(await backstop.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.WebhooksStopped, cancellationToken: Token));
    }

    [Fact]
    public async Task Backstop_ShopifyOrderItCannotRead_IsLoggedWithoutTheValueItFoundThere()
    {
        await using var backstop = await BackstopTestApp.StartAsync(fixture);
        const string Street = "4471 Backstop Privacy Street";
        var id = Deliveries.Digits(13);
        var node = ChannelSamples.Load("shopify-orders-create.json");
        node["id"] = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        node["updated_at"] = ChannelSamples.ShopifyTime(DateTimeOffset.UtcNow.AddMinutes(-30));

        // A mistyped placement time that happens to hold the buyer's street: the payload error quotes what it found.
        node["created_at"] = Street;
        backstop.Marketplace.PutShopifyOrder(id, ChannelSamples.Write(node));

        var shopify = BackstopTestApp.For(await backstop.RunAsync(), SalesChannel.Shopify);

        Assert.Empty(shopify.Recovered);
        var logged = backstop.App.Services.GetFakeLogCollector().GetSnapshot()
            .Select(r => string.Join(" | ", new[] { r.Message, r.Exception?.ToString() ?? string.Empty }.Concat((r.StructuredState ?? []).Select(p => $"{p.Key}={p.Value}"))))
            .ToList();
        Assert.Contains(logged, l => l.Contains($"shopify:{id}", StringComparison.Ordinal) || l.Contains("created_at", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Contains(Street, StringComparison.OrdinalIgnoreCase));
    }

    private static int OrderReads(BackstopTestApp backstop, SalesChannel channel) =>
        backstop.Marketplace.Requests(channel).Count(r => r.Path.StartsWith("/v3/orders/", StringComparison.Ordinal));
}
