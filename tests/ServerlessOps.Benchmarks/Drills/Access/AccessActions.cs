using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Functions.Http;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Benchmarks.Drills.Access;

/// <summary>
/// Performs each human action the drill can set up once, as the caller whose role it needs, then sends the same request
/// again (a client's retry); afterwards the audit route must hold exactly one entry per action that answered 2xx, of its
/// kind and by that caller (two for a route whose repeat is a second action: a quarantine replay). A route performed as
/// two distinct actions (two brand edits, two rotations) must leave two. Each entry must also carry a time within the run
/// and a detail. An action whose precondition does not come about (no alert raised, no report published) is listed as not
/// performed rather than counted. The manual runs are in <c>AccessActions.Runs.cs</c>, the registry and connection changes
/// in <c>AccessActions.Registry.cs</c>, the held push and its confirmation in <c>AccessActions.HeldPushes.cs</c>.
/// </summary>
internal sealed partial class AccessActions(HttpClient http, AccessKeys keys, ScenarioAccounts accounts, Marketplace marketplace, List<string> answers)
{
    /// <summary>The brand's catalog: the mug the stock and price actions use, and the listings the held push zeroes.</summary>
    private static readonly string CatalogFile =
        "sku,title,category,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId\nDRILL-MUG,Mug,Home,USD,12.00,9.99,5511,77\n" + HoldCatalogRows;

    /// <summary>When the actions began: every audit entry they leave must carry a time from then on.</summary>
    private readonly DateTimeOffset _began = DateTimeOffset.UtcNow;

    private readonly List<(string Route, string Brand, string By, string Status, int Expected)> _performed = [];

    public List<string> NotPerformed { get; } = [];

    /// <summary>Each action performed, as its two answers: "UpdateBrand by drill-admin-acme: 200 then 412".</summary>
    public IEnumerable<string> Performed => _performed.Select(p => $"{p.Route} by {p.By}: {p.Status}");

    /// <summary>The secret values the actions entered or rotated in, drawn for the run: none may appear in an answer or the output.</summary>
    public List<string> Secrets { get; } = [];

    /// <param name="tallies">The sweep's counts, to which the refusals made while a push is held are added.</param>
    public async Task RunAsync(Dictionary<string, AccessTally> tallies, CancellationToken cancellationToken)
    {
        var shopify = $"api/brands/acme/accounts/shopify/{accounts.ShopifyShopDomain}/pushes";
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Stock.AdjustStock), "acme", keys.OperationsAcme, () => Json(HttpMethod.Post, "api/brands/acme/inventory/DRILL-MUG/adjustments",
            new { kind = "receipt", location = "wh-east", quantity = 12, reason = "drill receipt" }, ("Idempotency-Key", "drill-adjust-1")), cancellationToken);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Pushes.PausePushes), "acme", keys.OperationsAcme, () => new HttpRequestMessage(HttpMethod.Post, $"{shopify}/pause?reason=drill"), cancellationToken);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Pushes.ResumePushes), "acme", keys.OperationsAcme, () => new HttpRequestMessage(HttpMethod.Post, $"{shopify}/resume"), cancellationToken);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Catalog.PostImport), "acme", keys.OperationsAcme, () => new HttpRequestMessage(HttpMethod.Post, "api/brands/acme/imports/catalog")
        {
            Content = new StringContent(CatalogFile, Encoding.UTF8, "text/csv"),
        }, cancellationToken);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Prices.SetPrice), "acme", keys.OperationsAcme, () => Json(HttpMethod.Post, "api/brands/acme/catalog/DRILL-MUG/price",
            new { price = 13.50m, currency = "USD", channels = new[] { "shopify" }, @override = new { reason = "drill override" } }), cancellationToken);
        await HoldAndConfirmPushesAsync(tallies, cancellationToken);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Admin.CreateBrand), "initech", keys.AdminAcme, () => Json(HttpMethod.Post, "api/brands",
            new { id = "initech", displayName = "Initech", baseCurrency = "USD", timeZone = "America/Chicago", goLive = "2026-11-01T00:00:00Z", owners = new { @default = "ops@initech.example" } }), cancellationToken);
        await ReplayQuarantinedAsync(cancellationToken);
        await RetryFlowAsync(cancellationToken);
        await AcknowledgeAndResolveAlertAsync(cancellationToken);
        await ReviewAndLinkReportAsync(cancellationToken);

        // The runs call the channels with the accounts as configured, so they go before the registry changes (the Walmart
        // verification replaces its token, the annex account is disconnected).
        await RunManuallyAsync(cancellationToken);
        await ChangeRegistryAsync(cancellationToken);
    }

    /// <summary>Audit entries expected and found per route group; an entry must match the action's kind, brand and caller.</summary>
    public async Task CheckAuditAsync(Dictionary<string, AccessTally> tallies, CancellationToken cancellationToken)
    {
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var entries = new List<JsonElement>();
        foreach (var brand in _performed.Select(p => p.Brand).Distinct())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/brands/{brand}/audit/actions?day={day}");
            request.Headers.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            answers.Add(body);
            if (!response.IsSuccessStatusCode)
            {
                NotPerformed.Add($"audit of {brand} answered {(int)response.StatusCode}: {(body.Length > 200 ? body[..200] : body)}");
                continue;
            }

            entries.AddRange(JsonDocument.Parse(body).RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()));
        }

        // A route performed as several actions (two edits of the brand) is checked once, against their sum.
        foreach (var performed in _performed.GroupBy(p => (p.Route, p.Brand, p.By)))
        {
            var (name, brand, by) = performed.Key;
            var expected = performed.Sum(p => p.Expected);
            var route = HttpRoutes.All.Single(r => r.Name == name);
            var tally = AccessSweep.Group(tallies, route);
            var kind = HumanActions.ByRoute[name].Kind;
            var found = entries.Count(e => e.GetProperty("kind").GetString() == kind && e.GetProperty("brandId").GetString() == brand);
            var mine = entries.Where(e => e.GetProperty("kind").GetString() == kind && e.GetProperty("by").GetString() == by).ToList();
            var byCaller = mine.Count;
            tally.AuditExpected += expected;
            tally.AuditFound += found;
            if (found != expected || byCaller != expected)
            {
                tally.Findings.Add(
                    $"{name} (answered {string.Join(", ", performed.Select(p => p.Status))}) left {found} audit entries of kind {kind} ({byCaller} by {by}); expected exactly {expected}");
            }

            // Who is checked above; when and what must be there too.
            foreach (var entry in mine.Where(e => e.GetProperty("at").GetDateTimeOffset() is var at && (at < _began.AddSeconds(-5) || at > DateTimeOffset.UtcNow.AddSeconds(5))
                || string.IsNullOrWhiteSpace(e.GetProperty("detail").GetString())))
            {
                tally.Findings.Add($"{name}'s audit entry lacks a time within the run or a detail: {entry.GetRawText()}");
            }

            if (name == nameof(ServerlessOps.Functions.Api.Pushes.ConfirmHeldPushes))
            {
                Notes.AddRange(mine.Select(e => $"audit entry: {kind} by {by} at {e.GetProperty("at").GetDateTimeOffset():O}: {e.GetProperty("detail").GetString()}"));
            }
        }
    }

    /// <param name="repeatActsAgain">
    /// The route is not idempotent: a second request is a second action (a quarantine replay re-queues the delivery and
    /// counts it), so a second 2xx must leave a second entry.
    /// </param>
    private async Task TwiceAsync(string routeName, string brand, string key, Func<HttpRequestMessage> request, CancellationToken cancellationToken, bool repeatActsAgain = false)
    {
        var first = await SendAsync(request(), key, cancellationToken);
        if (first is < 200 or >= 300)
        {
            var detail = answers[^1];
            NotPerformed.Add($"{routeName}: answered {first}: {(detail.Length > 900 ? detail[..900] : detail)}");
            return;
        }

        var second = await SendAsync(request(), key, cancellationToken);
        _performed.Add((routeName, brand, Caller(key), $"{first} then {second}", repeatActsAgain && second is >= 200 and < 300 ? 2 : 1));
    }

    /// <summary>A Shopify order whose line items are not a list: acknowledged, quarantined, then replayed by an operator.</summary>
    private async Task ReplayQuarantinedAsync(CancellationToken cancellationToken)
    {
        var node = ChannelSamples.Load("shopify-orders-create.json");
        node["line_items"] = "not a list";
        var webhook = accounts.Sign(Domain.Channels.SalesChannel.Shopify, Encoding.UTF8.GetBytes(ChannelSamples.Write(node)), Guid.NewGuid().ToString(), "orders/create");
        using (var delivery = webhook.ToRequest(http.BaseAddress!))
        {
            await SendAsync(delivery, null, cancellationToken);
        }

        var key = await WaitForFirstAsync("api/brands/acme/quarantine?state=open", null, "deliveryKey", cancellationToken);
        if (key is null)
        {
            NotPerformed.Add("ReplayQuarantinedDelivery: nothing was quarantined within 60 s");
            return;
        }

        await TwiceAsync(nameof(ServerlessOps.Functions.Api.ReplayQuarantinedDelivery), "acme", keys.OperationsAcme,
            () => new HttpRequestMessage(HttpMethod.Post, $"api/brands/acme/quarantine/{key}/replay"), cancellationToken, repeatActsAgain: true);
    }

    /// <summary>The Shopify sample's order (its SKUs are not in the catalog, so its flow waits on its exception path), retried.</summary>
    private async Task RetryFlowAsync(CancellationToken cancellationToken)
    {
        var order = ChannelSamples.Load("shopify-orders-create.json")["id"]!.ToString();
        var path = $"api/brands/acme/orders/shopify/{order}/flow";
        var waited = await WaitForFirstAsync(path, null, "instanceId", cancellationToken);
        if (waited is null)
        {
            NotPerformed.Add("RetryOrderFlow: the sample order's flow did not appear within 60 s");
            return;
        }

        await TwiceAsync(nameof(ServerlessOps.Functions.Api.OrderFlow.RetryOrderFlow), "acme", keys.OperationsAcme, () => new HttpRequestMessage(HttpMethod.Post, path + "/retry"), cancellationToken);
    }

    /// <summary>
    /// The sample order's unmapped SKUs raise an alert to its owner; the operator acknowledges it, then resolves it. Each
    /// is sent twice: a repeat on an alert already in that state must not log a second action.
    /// </summary>
    private async Task AcknowledgeAndResolveAlertAsync(CancellationToken cancellationToken)
    {
        var id = await WaitForFirstAsync("api/brands/acme/alerts?state=open", null, "id", cancellationToken);
        if (id is null)
        {
            NotPerformed.Add("AcknowledgeAlert, ResolveAlert: no open alert appeared within 60 s");
            return;
        }

        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Alerts.AcknowledgeAlert), "acme", keys.OperationsAcme,
            () => new HttpRequestMessage(HttpMethod.Post, $"api/brands/acme/alerts/{id}/acknowledge"), cancellationToken);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Alerts.ResolveAlert), "acme", keys.OperationsAcme,
            () => Json(HttpMethod.Post, $"api/brands/acme/alerts/{id}/resolve", new { resolution = "drill: mapped by hand" }), cancellationToken);
    }

    /// <summary>
    /// Finance starts last month's review (a human action), waits for its report, and takes a download link to its
    /// workbook (another): a fresh stack has no report until a review has run.
    /// </summary>
    private async Task ReviewAndLinkReportAsync(CancellationToken cancellationToken)
    {
        var month = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Reviews.StartReview), "acme", keys.FinanceAcme,
            () => new HttpRequestMessage(HttpMethod.Post, $"api/brands/acme/reviews/{month}"), cancellationToken);
        var version = await WaitForFirstAsync("api/brands/acme/reports?kind=monthly", "reports", "version", cancellationToken, TimeSpan.FromMinutes(3));
        if (version is null)
        {
            NotPerformed.Add($"CreateReportLink: the review of {month} published no report within 3 minutes");
            return;
        }

        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Reports.CreateReportLink), "acme", keys.FinanceAcme,
            () => Json(HttpMethod.Post, $"api/brands/acme/reports/monthly/{month}/{version}/links", new { file = "review.xlsx" }), cancellationToken, repeatActsAgain: true);
    }

    /// <summary>Polls a read route (as the local operator) until it names a value of <paramref name="idProperty"/>; null after the deadline.</summary>
    private async Task<string?> WaitForFirstAsync(string path, string? arrayProperty, string idProperty, CancellationToken cancellationToken, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
                var items = arrayProperty is not null && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(arrayProperty, out var inner) ? inner : root;
                var first = items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().FirstOrDefault() : items;
                if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty(idProperty, out var id) && id.ValueKind == JsonValueKind.String)
                {
                    return id.GetString();
                }
            }

            await Task.Delay(500, cancellationToken);
        }
        while (DateTime.UtcNow < deadline);
        return null;
    }

    private async Task<int> SendAsync(HttpRequestMessage request, string? key, CancellationToken cancellationToken)
    {
        using (request)
        {
            if (key is not null)
            {
                request.Headers.Add(LocalStackSettings.ApiKeyHeader, key);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            answers.Add(await response.Content.ReadAsStringAsync(cancellationToken));
            return (int)response.StatusCode;
        }
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private string Caller(string key) =>
        key == keys.OperationsAcme ? "drill-operations-acme" : key == keys.FinanceAcme ? "drill-finance-acme" : key == keys.AdminAcme ? "drill-admin-acme" : "local-operator";
}
