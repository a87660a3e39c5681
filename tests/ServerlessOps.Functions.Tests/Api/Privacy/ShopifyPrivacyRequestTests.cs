using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Testing.Scenarios;
using static ServerlessOps.Functions.Tests.Api.Privacy.PrivacyApp;

namespace ServerlessOps.Functions.Tests.Api.Privacy;

/// <summary>
/// Shopify's mandatory privacy webhooks end to end, signed as Shopify signs them: customers/redact and shop/redact leave
/// no personal data in orders, raw deliveries (the request's own included) or logs, and leave money, lines, status and
/// other buyers alone; customers/data_request exports exactly the buyer's data for the data owner. Each request is
/// recorded once with its due date and completion.
/// </summary>
public sealed class ShopifyPrivacyRequestTests(FunctionAppFixture fixture)
{
    private const string FinanceAcmeKey = "privacy-finance-acme-key-000000000000";
    private const string OperationsGlobexKey = "privacy-operations-globex-key-0000000";
    /// <summary>The brand's second Shopify store: a different shop, whose customers are its own.</summary>
    private static readonly ScenarioAccounts SecondShop = ScenarioAccounts.Default with
    {
        ShopifyShopDomain = "acme-outlet.myshopify.com",
        ShopifySecret = "test-shopify-outlet-secret-0002",
    };

    private static readonly DateTimeOffset Placed = DateTimeOffset.Parse("2026-11-20T14:03:11-05:00", CultureInfo.InvariantCulture);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CustomersRedact_AfterTheBuyersOrdersLanded_LeavesNoPersonalDataInOrdersRawDeliveriesTheRequestOrLogs()
    {
        await using var app = TestApp.Start(fixture);
        var buyer = PrivacyBuyer.New();
        var other = PrivacyBuyer.New();
        string a = Deliveries.Digits(13), b = Deliveries.Digits(13), c = Deliveries.Digits(13);
        string[] buyerKeys =
        [
            await DeliverAsync(app, Deliveries.Shopify(buyer.Order(a, Placed), "orders/create")),
            await DeliverAsync(app, Deliveries.Shopify(buyer.Order(a, Placed, Placed.AddHours(2)), "orders/updated")),
            await DeliverAsync(app, Deliveries.Shopify(buyer.Order(b, Placed.AddDays(-40)), "orders/create")),
        ];
        var otherKey = await DeliverAsync(app, Deliveries.Shopify(other.Order(c, Placed), "orders/create"));
        var before = (await OrderAsync(app, a)).GetProperty("order");
        Assert.Contains(buyer.Email, await RawBodyAsync(app, buyerKeys[0]), StringComparison.Ordinal);
        Assert.Equal(buyer.City, before.GetProperty("shipping").Str("city"));

        var redactKey = await DeliverAsync(app, Deliveries.Shopify(buyer.Redact(a, b), "customers/redact"));

        foreach (var id in new[] { a, b })
        {
            var order = await OrderAsync(app, id);
            AssertFreeOf(order.GetRawText(), buyer.PersonalValues, $"order {id}");
            var shipping = order.GetProperty("order").GetProperty("shipping");
            Assert.True(IsNullOrAbsent(shipping, "city") && IsNullOrAbsent(shipping, "postalCode") && IsNullOrAbsent(shipping, "region"), shipping.GetRawText());
            Assert.Equal("US", shipping.Str("countryCode"));
        }

        var after = (await OrderAsync(app, a)).GetProperty("order");
        Assert.Equal(before.Dec("total"), after.Dec("total"));
        Assert.Equal(before.Str("status"), after.Str("status"));
        Assert.Equal(before.GetProperty("lines").GetRawText(), after.GetProperty("lines").GetRawText());
        Assert.Equal(before.GetProperty("version").GetRawText(), after.GetProperty("version").GetRawText());

        foreach (var key in buyerKeys.Append(redactKey))
        {
            // Rewritten in place: still the same delivery, in the state processing left it.
            var raw = await RawAsync(app, key);
            AssertFreeOf(raw.Str("body"), buyer.PersonalValues.Append("203.0.113.77"), $"raw delivery {key}");
            Assert.Equal("Processed", raw.Str("state"));
            Assert.Equal(key, raw.Str("deliveryKey"));
        }

        Assert.Equal(other.City, (await OrderAsync(app, c)).GetProperty("order").GetProperty("shipping").Str("city"));
        Assert.Contains(other.Email, await RawBodyAsync(app, otherKey), StringComparison.Ordinal);
        Assert.NotEmpty(LogText(app));
        foreach (var line in LogText(app))
        {
            AssertFreeOf(line, buyer.PersonalValues.Concat(other.PersonalValues), "a log record");
        }

        var request = Assert.Single(await RequestsAsync(app));
        Assert.Equal("CustomerRedact", request.Str("kind"));
        Assert.Equal("Completed", request.Str("state"));
        Assert.Equal(buyer.CustomerId, request.Str("customerId"));
        Assert.Equal(request.Time("receivedAt").AddDays(30), request.Time("dueBy"));
        Assert.InRange(request.Time("completedAt"), request.Time("receivedAt"), request.Time("dueBy"));
        Assert.Equal(2, request.GetProperty("counts").Number("ordersRedacted"));
        Assert.Equal(4, request.GetProperty("counts").Number("rawDeliveriesRedacted"));
        Assert.Equal([redactKey], request.Items("deliveryKeys").Select(k => k.GetString()));
    }

    [Fact]
    public async Task CustomersRedact_DeliveredAgain_IsOneRequestCompletedOnce()
    {
        await using var app = TestApp.Start(fixture);
        var buyer = PrivacyBuyer.New();
        var a = Deliveries.Digits(13);
        await DeliverAsync(app, Deliveries.Shopify(buyer.Order(a, Placed), "orders/create"));
        var redact = Deliveries.Shopify(buyer.Redact(a), "customers/redact");
        var firstKey = await DeliverAsync(app, redact);
        var first = Assert.Single(await RequestsAsync(app));
        var orderAfterFirst = (await OrderAsync(app, a)).GetRawText();

        // Shopify's retry of the same delivery, then the same request sent again as a new event.
        Assert.Equal(firstKey, (await app.Client.SendAcceptedAsync(redact)).DeliveryKey);
        var secondKey = await DeliverAsync(app, Deliveries.Shopify(buyer.Redact(a), "customers/redact"));

        var again = Assert.Single(await RequestsAsync(app));
        Assert.Equal(first.Str("id"), again.Str("id"));
        Assert.Equal([firstKey, secondKey], again.Items("deliveryKeys").Select(k => k.GetString()));
        Assert.Equal(first.Time("completedAt"), again.Time("completedAt"));
        Assert.Equal(first.GetProperty("counts").GetRawText(), again.GetProperty("counts").GetRawText());
        Assert.Equal(orderAfterFirst, (await OrderAsync(app, a)).GetRawText());
        AssertFreeOf(await RawBodyAsync(app, secondKey), buyer.PersonalValues, "the repeated request's raw delivery");
    }

    [Fact]
    public async Task CustomersRedact_QuarantinedDeliveriesOfTheBuyer_AreRedactedAndOtherBuyersKept()
    {
        await using var app = TestApp.Start(fixture);
        var buyer = PrivacyBuyer.New();
        var other = PrivacyBuyer.New();
        string a = Deliveries.Digits(13), c = Deliveries.Digits(13);
        var quarantined = await DeliverAsync(app, Deliveries.Shopify(Unreadable(buyer.Order(a, Placed)), "orders/create"), "Quarantined");
        var othersQuarantined = await DeliverAsync(app, Deliveries.Shopify(Unreadable(other.Order(c, Placed)), "orders/create"), "Quarantined");
        Assert.Contains(buyer.Email, await RawBodyAsync(app, quarantined), StringComparison.Ordinal);

        await DeliverAsync(app, Deliveries.Shopify(buyer.Redact(a), "customers/redact"));

        AssertFreeOf(await RawBodyAsync(app, quarantined), buyer.PersonalValues, "the buyer's quarantined delivery");
        Assert.Contains(other.Email, await RawBodyAsync(app, othersQuarantined), StringComparison.Ordinal);
        var entry = await app.Client.WaitForQuarantineAsync(quarantined);
        AssertFreeOf(entry.GetRawText(), buyer.PersonalValues, "the quarantine entry");
        var request = Assert.Single(await RequestsAsync(app));
        Assert.Equal(1, request.GetProperty("counts").Number("ordersNotFound"));
        Assert.Equal(2, request.GetProperty("counts").Number("rawDeliveriesRedacted"));
    }

    [Fact]
    public async Task CustomersRedact_QuarantinedDeliveryOfTheBrandsOtherShopWithTheSameBuyer_IsKept()
    {
        await using var app = TestApp.Start(fixture, new Dictionary<string, string>
        {
            ["Brands:acme:Accounts:4:Channel"] = "Shopify",
            ["Brands:acme:Accounts:4:AccountId"] = SecondShop.ShopifyShopDomain,
            ["Brands:acme:Accounts:4:Secret"] = SecondShop.ShopifySecret,
        });
        var buyer = PrivacyBuyer.New();
        string a = Deliveries.Digits(13), b = Deliveries.Digits(13);
        var ours = await DeliverAsync(app, Deliveries.Shopify(Unreadable(buyer.Order(a, Placed)), "orders/create"), "Quarantined");
        var otherShops = await DeliverAsync(app, Deliveries.Shopify(Unreadable(buyer.Order(b, Placed)), "orders/create", accounts: SecondShop), "Quarantined");

        await DeliverAsync(app, Deliveries.Shopify(buyer.Redact(a), "customers/redact"));

        AssertFreeOf(await RawBodyAsync(app, ours), buyer.PersonalValues, "the requesting shop's quarantined delivery");
        var kept = await RawBodyAsync(app, otherShops);
        Assert.All(buyer.PersonalValues, v => Assert.Contains(v, kept, StringComparison.Ordinal));
        Assert.Equal(2, Assert.Single(await RequestsAsync(app)).GetProperty("counts").Number("rawDeliveriesRedacted"));
    }

    [Fact]
    public async Task CustomersRedact_QuarantineReasonAndEventDetailQuotingAnErasedValue_AreScrubbed()
    {
        await using var app = TestApp.Start(fixture);
        var buyer = PrivacyBuyer.New();
        var a = Deliveries.Digits(13);

        // An unreadable placement time that happens to quote the buyer's street: the reason names what it found.
        var body = System.Text.Json.Nodes.JsonNode.Parse(buyer.Order(a, Placed))!;
        body["created_at"] = buyer.Street;
        var quarantined = await DeliverAsync(app, Deliveries.Shopify(Deliveries.Utf8(body.ToJsonString()), "orders/create"), "Quarantined");
        Assert.Contains(buyer.Street, (await app.Client.WaitForQuarantineAsync(quarantined)).Str("reason"), StringComparison.Ordinal);

        await DeliverAsync(app, Deliveries.Shopify(buyer.Redact(a), "customers/redact"));

        var entry = await app.Client.WaitForQuarantineAsync(quarantined);
        Assert.Contains("[redacted]", entry.Str("reason"), StringComparison.Ordinal);
        AssertFreeOf(entry.GetRawText(), buyer.PersonalValues, "the quarantine entry");
        var channelEvent = (await app.Client.ChannelEventsAsync(Domain.Channels.SalesChannel.Shopify)).Single(e => e.Str("deliveryKey") == quarantined);
        AssertFreeOf(channelEvent.GetRawText(), buyer.PersonalValues, "the channel-event record");
        AssertFreeOf((await RawAsync(app, quarantined)).GetProperty("reason").GetString()!, buyer.PersonalValues, "the raw delivery's reason");
        var counts = Assert.Single(await RequestsAsync(app)).GetProperty("counts");
        Assert.Equal(1, counts.Number("quarantineEntriesScrubbed"));
        Assert.Equal(1, counts.Number("channelEventsScrubbed"));

        // The quarantine was logged before any redaction: its log line names the field, not what the field held.
        Assert.NotEmpty(LogText(app));
        foreach (var line in LogText(app))
        {
            AssertFreeOf(line, buyer.PersonalValues, "a log record");
        }
    }

    [Fact]
    public async Task CustomersRedact_RetriedAfterDyingBeforeTheQuarantineReasonWasScrubbed_StillScrubsIt()
    {
        await using var app = TestApp.Start(fixture, testServices: s =>
        {
            s.AddSingleton<CosmosQuarantineStore>();
            s.Replace(ServiceDescriptor.Singleton<IQuarantineStore>(sp => new QuarantineScrubDies(sp.GetRequiredService<CosmosQuarantineStore>())));
        });
        var buyer = PrivacyBuyer.New();
        var a = Deliveries.Digits(13);
        var body = System.Text.Json.Nodes.JsonNode.Parse(buyer.Order(a, Placed))!;
        body["created_at"] = buyer.Street;
        var quarantined = await DeliverAsync(app, Deliveries.Shopify(Deliveries.Utf8(body.ToJsonString()), "orders/create"), "Quarantined");

        await DeliverAsync(app, Deliveries.Shopify(buyer.Redact(a), "customers/redact"));

        AssertFreeOf((await app.Client.WaitForQuarantineAsync(quarantined)).GetRawText(), buyer.PersonalValues, "the quarantine entry");
        var channelEvent = (await app.Client.ChannelEventsAsync(SalesChannel.Shopify)).Single(e => e.Str("deliveryKey") == quarantined);
        AssertFreeOf(channelEvent.GetRawText(), buyer.PersonalValues, "the channel-event record");
        AssertFreeOf((await RawAsync(app, quarantined)).GetProperty("reason").GetString()!, buyer.PersonalValues, "the raw delivery's reason");
        Assert.Equal("Completed", Assert.Single(await RequestsAsync(app)).Str("state"));
    }

    [Fact]
    public async Task ShopRedact_ErasesEveryOrderOfTheShopWhateverMonthItWasPlacedIn()
    {
        await using var app = TestApp.Start(fixture);
        var buyers = new[] { PrivacyBuyer.New(), PrivacyBuyer.New() };
        var placements = new[] { Placed, Placed.AddDays(-35), Placed.AddDays(-70) };
        var keys = new List<string>();
        var orders = new List<string>();
        for (var i = 0; i < placements.Length; i++)
        {
            var id = Deliveries.Digits(13);
            orders.Add(id);
            keys.Add(await DeliverAsync(app, Deliveries.Shopify(buyers[i % 2].Order(id, placements[i]), "orders/create")));
        }

        var redactKey = await DeliverAsync(app, Deliveries.Shopify(PrivacyBuyer.ShopRedact(), "shop/redact"));

        var personal = buyers.SelectMany(b => b.PersonalValues).ToList();
        foreach (var id in orders)
        {
            var order = await OrderAsync(app, id);
            AssertFreeOf(order.GetRawText(), personal, $"order {id}");
            Assert.Equal(65.61m, order.GetProperty("order").Dec("total"));
        }

        foreach (var key in keys.Append(redactKey))
        {
            AssertFreeOf(await RawBodyAsync(app, key), personal, $"raw delivery {key}");
        }

        var request = Assert.Single(await RequestsAsync(app));
        Assert.Equal("ShopRedact", request.Str("kind"));
        Assert.Equal("Completed", request.Str("state"));
        Assert.Equal(3, request.GetProperty("counts").Number("ordersFound"));
        Assert.Equal(3, request.GetProperty("counts").Number("ordersRedacted"));
    }

    [Fact]
    public async Task CustomersDataRequest_ExportsExactlyTheBuyersOrdersForTheDataOwnerAndRaisesAnAlert()
    {
        await using var app = TestApp.Start(fixture, TestApiKey.Settings(
            new("finance-acme", FinanceAcmeKey, "finance", "acme"),
            new("operations-globex", OperationsGlobexKey, "operations", "globex")));
        var buyer = PrivacyBuyer.New();
        var other = PrivacyBuyer.New();
        string a = Deliveries.Digits(13), b = Deliveries.Digits(13), c = Deliveries.Digits(13);
        await DeliverAsync(app, Deliveries.Shopify(buyer.Order(a, Placed), "orders/create"));
        await DeliverAsync(app, Deliveries.Shopify(buyer.Order(b, Placed.AddDays(-40)), "orders/create"));
        await DeliverAsync(app, Deliveries.Shopify(other.Order(c, Placed), "orders/create"));

        var requestKey = await DeliverAsync(app, Deliveries.Shopify(buyer.DataRequest("9999", a, b), "customers/data_request"));

        var request = Assert.Single(await RequestsAsync(app));
        Assert.Equal("CustomerDataRequest", request.Str("kind"));
        Assert.Equal("Completed", request.Str("state"));
        Assert.Equal(2, request.GetProperty("counts").Number("ordersExported"));
        Assert.Equal(request.Time("receivedAt").AddDays(30), request.Time("dueBy"));
        var requestId = request.Str("id");

        using (var download = await DownloadExportAsync(app.Client.Http, requestId))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
            var text = await download.Content.ReadAsStringAsync(Token);
            foreach (var value in buyer.PersonalValues)
            {
                Assert.Contains(value, text, StringComparison.Ordinal);
            }

            AssertFreeOf(text, other.PersonalValues, "the export");
            var export = Json.Parse(text);
            Assert.Equal(new[] { "shopify:" + a, "shopify:" + b }.Order(StringComparer.Ordinal), export.Items("orders").Select(o => o.Str("orderId")).Order(StringComparer.Ordinal));
            Assert.Equal(buyer.CustomerId, export.Str("customerId"));
        }

        using var anonymous = app.Factory.CreateClient();
        using (var noCredential = await DownloadExportAsync(anonymous, requestId))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noCredential.StatusCode);
        }

        foreach (var key in new[] { FinanceAcmeKey, OperationsGlobexKey })
        {
            using var client = app.Factory.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            using var refused = await DownloadExportAsync(client, requestId);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var alerts = await app.Client.Http.GetAsync(new Uri("api/brands/acme/alerts?kind=privacy-export-ready", UriKind.Relative), Token);
        var alert = Assert.Single(Json.Parse(await alerts.Content.ReadAsStringAsync(Token)).Items());
        Assert.Equal(requestId, alert.GetProperty("subject").Str("id"));
        Assert.Equal("Data", alert.Str("signal"));
        AssertFreeOf(alert.GetRawText(), buyer.PersonalValues, "the alert");

        // A data request erases nothing from the orders, only the request's own copy of the buyer's email and phone.
        Assert.Equal(buyer.City, (await OrderAsync(app, a)).GetProperty("order").GetProperty("shipping").Str("city"));
        AssertFreeOf(await RawBodyAsync(app, requestKey), [buyer.Email, buyer.Phone], "the data request's raw delivery");
        Assert.NotEmpty(LogText(app));
        foreach (var line in LogText(app))
        {
            AssertFreeOf(line, buyer.PersonalValues, "a log record");
        }
    }

    [Fact]
    public async Task DataRequestAndCustomersRedact_OrderTheBackstopAlsoRecovered_CompleteOnTheDeliveriesThatHaveABlob()
    {
        await using var app = TestApp.Start(fixture);
        var buyer = PrivacyBuyer.New();
        var a = Deliveries.Digits(13);
        var orderKey = await DeliverAsync(app, Deliveries.Shopify(buyer.Order(a, Placed), "orders/create"));

        // The backstop converged a change of the order the webhooks missed: a reference with no raw blob, as it writes them.
        var orders = app.Services.GetRequiredService<IOrderStore>();
        var stored = (await orders.GetAsync("acme", $"shopify:{a}", Token))!;
        var backstop = new DeliveryReference(
            $"backstop:shopify:{a}@2026-11-20T20:00:00.000Z", SalesChannel.Shopify, "backstop:1", "orders/updated", string.Empty, DateTimeOffset.UtcNow, DeliveryOutcome.Applied);
        await orders.ReplaceAsync(stored.Value with { Deliveries = [backstop, .. stored.Value.Deliveries] }, stored.ETag, Token);

        await DeliverAsync(app, Deliveries.Shopify(buyer.DataRequest("9998", a), "customers/data_request"));
        await DeliverAsync(app, Deliveries.Shopify(buyer.Redact(a), "customers/redact"));

        var requests = await RequestsAsync(app);
        Assert.All(requests, r => Assert.Equal("Completed", r.Str("state")));
        Assert.Equal(1, requests.Single(r => r.Str("kind") == "CustomerDataRequest").GetProperty("counts").Number("ordersExported"));
        AssertFreeOf((await OrderAsync(app, a)).GetRawText(), buyer.PersonalValues, "the order");
        AssertFreeOf(await RawBodyAsync(app, orderKey), buyer.PersonalValues, "the order's raw delivery");
    }

    /// <summary>The order with a line quantity no mapper can read: it is quarantined with the buyer's data in its body.</summary>
    private static byte[] Unreadable(byte[] order)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(order)!;
        node["line_items"]![0]!["quantity"] = "two";
        return Deliveries.Utf8(node.ToJsonString());
    }

    private static bool IsNullOrAbsent(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;
}
