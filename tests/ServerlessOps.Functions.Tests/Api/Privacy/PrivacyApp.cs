using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Api.Privacy;

/// <summary>What the privacy tests read back: orders, raw bodies, privacy requests, exports and the captured logs.</summary>
internal static class PrivacyApp
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Sends a signed Shopify delivery and waits until it is processed; returns its delivery key.</summary>
    public static async Task<string> DeliverAsync(TestApp app, SignedWebhook webhook, string expectedOutcome = "Applied")
    {
        var ack = await app.Client.SendAcceptedAsync(webhook);
        var processed = await app.Client.WaitForEventAsync(ack.DeliveryKey);
        Assert.True(processed.Str("outcome") == expectedOutcome, $"Delivery {ack.DeliveryKey} ({webhook.DeliveryId}): {Json.Shorten(processed)}");
        return ack.DeliveryKey;
    }

    public static async Task<string> RawBodyAsync(TestApp app, string deliveryKey) => (await RawAsync(app, deliveryKey)).Str("body");

    /// <summary>The raw delivery as the API shows it: state, reason, headers, body.</summary>
    public static async Task<JsonElement> RawAsync(TestApp app, string deliveryKey)
    {
        using var response = await app.Client.GetRawDeliveryAsync(SalesChannel.Shopify, deliveryKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Json.Parse(await response.Content.ReadAsStringAsync(Token));
    }

    public static async Task<JsonElement> OrderAsync(TestApp app, string externalId) =>
        (await app.Client.GetOrderAsync($"shopify:{externalId}")) ?? throw new InvalidOperationException($"Order shopify:{externalId} is not stored.");

    public static async Task<JsonElement[]> RequestsAsync(TestApp app)
    {
        using var response = await app.Client.Http.GetAsync(new Uri("api/brands/acme/privacy-requests", UriKind.Relative), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return Json.Parse(body).Items();
    }

    public static async Task<HttpResponseMessage> DownloadExportAsync(HttpClient client, string requestId) =>
        await client.GetAsync(new Uri($"api/brands/acme/privacy-requests/{requestId}/export", UriKind.Relative), Token);

    /// <summary>Every captured log line, message and structured values, as text to search.</summary>
    public static IReadOnlyList<string> LogText(TestApp app) =>
        [.. app.Services.GetFakeLogCollector().GetSnapshot().Select(r =>
            string.Join(" | ", new[] { r.Message, r.Exception?.ToString() ?? string.Empty }
                .Concat((r.StructuredState ?? []).Select(p => $"{p.Key}={p.Value}"))))];

    /// <summary>None of <paramref name="values"/> appears in <paramref name="text"/> (case-insensitive), naming the first found.</summary>
    public static void AssertFreeOf(string text, IEnumerable<string> values, string where)
    {
        foreach (var value in values)
        {
            Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"{where} still holds '{value}'.");
        }
    }
}
