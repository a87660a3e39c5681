using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Testing.Alerts;

namespace ServerlessOps.Functions.Tests.Api.Alerts;

/// <summary>
/// Alerts end to end in the app: raised through <see cref="IAlertRaiser"/>, handed off through the app's own queue
/// listener to a loopback chat webhook, listed, acknowledged and resolved through the API.
/// </summary>
public sealed class AlertApiTests(FunctionAppFixture fixture) : IAsyncLifetime
{
    private ChatWebhookReceiver _chat = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chat = await ChatWebhookReceiver.StartAsync(Token);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Alerts_RaisedTwiceThenAcknowledgedAndResolved_NotifyOnceAndRecordWhoDidWhat()
    {
        await using var app = Start();
        var raiser = app.Services.GetRequiredService<IAlertRaiser>();

        var sla = await raiser.RaiseAsync(SlaMissed("shopify:1001"), Token);
        await raiser.RaiseAsync(SlaMissed("shopify:1001"), Token);
        var push = await raiser.RaiseAsync(PushFailed("TEE-RED-M"), Token);

        await Poll.UntilAsync(_ => Task.FromResult(_chat.Delivered.Count >= 2 ? "two" : null), "the two alerts' notifications", lastSeen: () => $"{_chat.Delivered.Count} posts");
        var alert = await WaitForAlertAsync(app, sla.Alert.Id, a => a.GetProperty("notification").GetProperty("notifiedAt").ValueKind == JsonValueKind.String);
        Assert.Equal(("sla-missed", "Order missed its ship-by", "Open", 2, "ops@acme-outfitters.example"), (alert.Str("kind"), alert.Str("title"), alert.Str("state"), alert.Number("occurrences"), alert.Str("owner")));
        Assert.Equal(("order", "shopify:1001"), (alert.GetProperty("subject").Str("type"), alert.GetProperty("subject").Str("id")));
        Assert.Equal(1, alert.GetProperty("notification").Number("delivered"));
        Assert.Equal(2, (await ListAsync(app)).Length);
        Assert.Equal([sla.Alert.Id], (await ListAsync(app, "?kind=sla-missed")).Select(a => a.Str("id")));
        Assert.Equal([push.Alert.Id], (await ListAsync(app, "?kind=PushFailed&state=open")).Select(a => a.Str("id")));

        using (var acknowledged = await PostAsync(app, sla.Alert.Id, "acknowledge"))
        {
            var body = await OkAsync(acknowledged);
            Assert.Equal(("Acknowledged", "local-operator"), (body.Str("state"), body.Str("acknowledgedBy")));
        }

        using (var again = await PostAsync(app, sla.Alert.Id, "acknowledge"))
        {
            await Problem.AssertOfTypeAsync(again, HttpStatusCode.Conflict, "conflict", "already acknowledged by local-operator");
        }

        Assert.Equal([sla.Alert.Id], (await ListAsync(app, "?state=acknowledged")).Select(a => a.Str("id")));

        using (var resolved = await PostAsync(app, sla.Alert.Id, "resolve", """{"resolution": "shipped by hand"}"""))
        {
            var body = await OkAsync(resolved);
            Assert.Equal(("Resolved", "local-operator", "shipped by hand"), (body.Str("state"), body.Str("resolvedBy"), body.Str("resolution")));
        }

        using (var resolvedAgain = await PostAsync(app, sla.Alert.Id, "resolve"))
        {
            await Problem.AssertOfTypeAsync(resolvedAgain, HttpStatusCode.Conflict, "conflict", "already resolved");
        }

        using (var acknowledgeResolved = await PostAsync(app, sla.Alert.Id, "acknowledge"))
        {
            await Problem.AssertAsync(acknowledgeResolved, HttpStatusCode.Conflict, "nothing to acknowledge");
        }

        Assert.Equal(2, _chat.Delivered.Count);
    }

    [Fact]
    public async Task AlertApi_UnknownOrMalformedIds_Are404Problems()
    {
        await using var app = Start();

        using var unknown = await app.Client.Http.GetAsync(new Uri("api/brands/acme/alerts/al-000000000000000000000000", UriKind.Relative), Token);
        using var malformed = await app.Client.Http.GetAsync(new Uri("api/brands/acme/alerts/not-an-alert", UriKind.Relative), Token);
        using var acknowledge = await PostAsync(app, "al-000000000000000000000000", "acknowledge");
        using var resolve = await PostAsync(app, "al-000000000000000000000000", "resolve");

        await Problem.AssertOfTypeAsync(unknown, HttpStatusCode.NotFound, "not-found", "al-000000000000000000000000");
        await Problem.AssertAsync(malformed, HttpStatusCode.NotFound, "'al-' and 24 hex digits");
        await Problem.AssertAsync(acknowledge, HttpStatusCode.NotFound);
        await Problem.AssertAsync(resolve, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AlertApi_BadFiltersOrBody_Are400ProblemsNamingTheParameter()
    {
        await using var app = Start();
        var raised = await app.Services.GetRequiredService<IAlertRaiser>().RaiseAsync(SlaMissed("shopify:2002"), Token);

        using var state = await app.Client.Http.GetAsync(new Uri("api/brands/acme/alerts?state=closed", UriKind.Relative), Token);
        using var kind = await app.Client.Http.GetAsync(new Uri("api/brands/acme/alerts?kind=sla", UriKind.Relative), Token);
        using var body = await PostAsync(app, raised.Alert.Id, "resolve", "{not json");
        using var longBody = await PostAsync(app, raised.Alert.Id, "resolve", JsonSerializer.Serialize(new { resolution = new string('x', 1001) }));

        await Problem.AssertOfTypeAsync(state, HttpStatusCode.BadRequest, "invalid-parameter", "'state'", "closed");
        await Problem.AssertOfTypeAsync(kind, HttpStatusCode.BadRequest, "invalid-parameter", "'kind'", "sla-missed");
        await Problem.AssertOfTypeAsync(body, HttpStatusCode.BadRequest, "invalid-body", "{\"resolution\": \"...\"}");
        await Problem.AssertOfTypeAsync(longBody, HttpStatusCode.BadRequest, "invalid-body", "1000");
        Assert.Equal("Open", (await WaitForAlertAsync(app, raised.Alert.Id)).Str("state"));
    }

    [Fact]
    public async Task Notification_ChatEndpointDown_AlertRecordedThenSentBySweepAlerts()
    {
        await using var app = Start(new Dictionary<string, string> { ["Alerts:MaxRetries"] = "0", ["Alerts:RetryAfter"] = "00:00:01" });
        _chat.Down = true;

        var raised = await app.Services.GetRequiredService<IAlertRaiser>().RaiseAsync(SlaMissed("shopify:3003"), Token);

        var failed = await WaitForAlertAsync(app, raised.Alert.Id, a => a.GetProperty("notification").Number("attempts") >= 1);
        Assert.True(failed.GetProperty("notification").GetProperty("pending").GetBoolean());
        Assert.Contains("503", failed.GetProperty("notification").Str("lastError"), StringComparison.Ordinal);
        Assert.Empty(_chat.Delivered);

        _chat.Down = false;
        await Poll.UntilAsync(
            async _ =>
            {
                await FunctionInvoker.TimerAsync<SweepAlerts>(app);
                return _chat.Delivered.Count > 0 ? "sent" : null;
            },
            "SweepAlerts to send the pending notification");

        var sent = await WaitForAlertAsync(app, raised.Alert.Id);
        Assert.False(sent.GetProperty("notification").GetProperty("pending").GetBoolean());
        Assert.Single(_chat.Delivered);
    }

    [Fact]
    public async Task Notification_ChatWebhookGone_ApiShowsTheRefusalItsStatusAndWhenItIsTriedAgain()
    {
        await using var app = Start();
        _chat.FailNext(410);

        var raised = await app.Services.GetRequiredService<IAlertRaiser>().RaiseAsync(SlaMissed("shopify:4004"), Token);

        var refused = (await WaitForAlertAsync(app, raised.Alert.Id, a => a.GetProperty("notification").Number("attempts") >= 1)).GetProperty("notification");
        Assert.True(refused.GetProperty("pending").GetBoolean());
        Assert.Equal(410, refused.Number("lastStatus"));
        Assert.Contains("410", refused.Str("lastError"), StringComparison.Ordinal);
        Assert.True(refused.GetProperty("backedOffUntil").GetDateTimeOffset() > refused.GetProperty("lastAttemptAt").GetDateTimeOffset());
        Assert.Equal(1, _chat.Attempts);
    }

    private TestApp Start(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["Alerts:WebhookUrl"] = _chat.Url.ToString(), ["Alerts:RetryBaseDelayMilliseconds"] = "10" };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return TestApp.Start(fixture, settings);
    }

    private static AlertRaise SlaMissed(string orderId) =>
        new("acme", AlertKind.SlaMissed, AlertSubject.Order(orderId), $"Order {orderId} has not shipped by its ship-by.") { Channel = SalesChannel.Shopify };

    private static AlertRaise PushFailed(string sku) =>
        new("acme", AlertKind.PushFailed, AlertSubject.Listing(SalesChannel.Amazon, sku), $"Stock push of {sku} to Amazon failed after its retries.") { Channel = SalesChannel.Amazon };

    private static async Task<JsonElement[]> ListAsync(TestApp app, string query = "")
    {
        using var response = await app.Client.Http.GetAsync(new Uri("api/brands/acme/alerts" + query, UriKind.Relative), Token);
        return (await OkAsync(response)).Items();
    }

    private static async Task<HttpResponseMessage> PostAsync(TestApp app, string alertId, string action, string? body = null)
    {
        using var content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
        return await app.Client.Http.PostAsync(new Uri($"api/brands/acme/alerts/{alertId}/{action}", UriKind.Relative), content, Token);
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 from {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {text}");
        return Json.Parse(text);
    }

    private static async Task<JsonElement> WaitForAlertAsync(TestApp app, string alertId, Func<JsonElement, bool>? until = null)
    {
        JsonElement? last = null;
        var found = await Poll.UntilAsync<Box>(
            async ct =>
            {
                using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/acme/alerts/{alertId}", UriKind.Relative), ct);
                last = Json.Parse(await response.Content.ReadAsStringAsync(ct));
                return response.StatusCode == HttpStatusCode.OK && (until is null || until(last.Value)) ? new Box(last.Value) : null;
            },
            $"alert {alertId} to reach the expected state",
            lastSeen: () => last is { } l ? Json.Shorten(l) : "nothing");
        return found.Value;
    }

    private sealed record Box(JsonElement Value);
}
