using System.Globalization;
using System.Net;
using System.Text.Json;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// Talks to the function app the way a channel and an operator do: sends signed webhooks and reads state back
/// through the HTTP read APIs only, so every assertion is about what the app really stored.
/// </summary>
public sealed class AppClient : IDisposable
{
    /// <summary>Outcomes after which processing a delivery changes nothing more by itself.</summary>
    public static readonly IReadOnlySet<string> FinalOutcomes = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(DeliveryOutcome.Applied), nameof(DeliveryOutcome.Stale), nameof(DeliveryOutcome.Duplicate),
        nameof(DeliveryOutcome.Recorded), nameof(DeliveryOutcome.Quarantined),
    };

    private readonly HttpClient _http;
    // The days whose channel-event log this client reads besides today: the day it started on, and any named by AlsoReadDayOf.
    private readonly HashSet<DateOnly> _days = [Today()];

    /// <param name="http">Signs its reads in as the local operator (<see cref="LocalStackSettings.ApiKey"/>: every role, every brand).</param>
    public AppClient(HttpClient http, string brandId = "acme")
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _http.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        BrandId = brandId;
    }

    public string BrandId { get; }

    public HttpClient Http => _http;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async Task<HttpResponseMessage> SendAsync(SignedWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        using var request = webhook.ToRequest(_http.BaseAddress!);
        return await _http.SendAsync(request, Token);
    }

    /// <summary>Sends and expects 200 with the acknowledgement body.</summary>
    public async Task<Acknowledgement> SendAcceptedAsync(SignedWebhook webhook)
    {
        using var response = await SendAsync(webhook);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 for {webhook.Channel} delivery {webhook.DeliveryId}, got {(int)response.StatusCode}: {body}");
        var json = Json.Parse(body);
        return new Acknowledgement(json.Str("deliveryKey"), json.Str("status"));
    }

    /// <summary>The order, or null on 404.</summary>
    public Task<JsonElement?> GetOrderAsync(string orderId) => GetOrderCoreAsync(orderId, Token);

    private async Task<JsonElement?> GetOrderCoreAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"api/brands/{BrandId}/orders/{Uri.EscapeDataString(orderId)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await ReadOkAsync(response, cancellationToken);
    }

    public async Task<JsonElement[]> OrdersForDayAsync(DateOnly day) =>
        (await GetOkAsync($"api/brands/{BrandId}/orders?day={Day(day)}", Token)).Items();

    /// <summary>
    /// Also reads the channel-event log of the UTC day of <paramref name="receivedAt"/>: an event is filed under the day
    /// its delivery was received, so one dated back across midnight (a stranded delivery "five minutes ago" at 00:02) is
    /// not under a day this client has seen.
    /// </summary>
    public void AlsoReadDayOf(DateTimeOffset receivedAt) => _days.Add(DateOnly.FromDateTime(receivedAt.UtcDateTime));

    /// <summary>The channel-event log for the days this client has seen (a test that crosses midnight reads both), and any named by <see cref="AlsoReadDayOf"/>.</summary>
    public Task<JsonElement[]> ChannelEventsAsync(SalesChannel? channel = null) => ChannelEventsCoreAsync(channel, Token);

    private async Task<JsonElement[]> ChannelEventsCoreAsync(SalesChannel? channel, CancellationToken cancellationToken)
    {
        var events = new List<JsonElement>();
        foreach (var day in _days.Append(Today()).Distinct())
        {
            var query = $"api/brands/{BrandId}/channel-events?day={Day(day)}" + (channel is { } c ? $"&channel={c.Slug()}" : string.Empty);
            events.AddRange((await GetOkAsync(query, cancellationToken)).Items());
        }

        return [.. events];
    }

    public Task<JsonElement[]> QuarantineAsync(string? state = null) => QuarantineCoreAsync(state, Token);

    private async Task<JsonElement[]> QuarantineCoreAsync(string? state, CancellationToken cancellationToken) =>
        (await GetOkAsync($"api/brands/{BrandId}/quarantine" + (state is null ? string.Empty : $"?state={state}"), cancellationToken)).Items();

    public async Task<HttpResponseMessage> GetRawDeliveryAsync(SalesChannel channel, string deliveryKey) =>
        await _http.GetAsync(new Uri($"api/brands/{BrandId}/deliveries/{channel.Slug()}/{deliveryKey}", UriKind.Relative), Token);

    public async Task<HttpResponseMessage> ReplayAsync(string deliveryKey) =>
        await _http.PostAsync(new Uri($"api/brands/{BrandId}/quarantine/{deliveryKey}/replay", UriKind.Relative), content: null, Token);

    /// <summary>Waits until the delivery's event-log entry satisfies <paramref name="until"/> (default: a final outcome).</summary>
    public async Task<JsonElement> WaitForEventAsync(string deliveryKey, Func<JsonElement, bool>? until = null, TimeSpan? timeout = null)
    {
        until ??= e => FinalOutcomes.Contains(e.Str("outcome"));
        JsonElement? last = null;
        var found = await Poll.UntilAsync<Box>(
            async ct =>
            {
                var entry = (await ChannelEventsCoreAsync(null, ct)).Cast<JsonElement?>().FirstOrDefault(e => e!.Value.Str("deliveryKey") == deliveryKey);
                last = entry;
                return entry is { } e && until(e) ? new Box(e) : null;
            },
            $"channel event {deliveryKey} to reach the expected state",
            timeout,
            () => last is { } l ? Json.Shorten(l) : "no entry");
        return found.Value;
    }

    /// <summary>Waits until the order exists and satisfies <paramref name="until"/>.</summary>
    public async Task<JsonElement> WaitForOrderAsync(string orderId, Func<JsonElement, bool>? until = null, TimeSpan? timeout = null)
    {
        JsonElement? last = null;
        var found = await Poll.UntilAsync<Box>(
            async ct =>
            {
                last = await GetOrderCoreAsync(orderId, ct);
                return last is { } o && (until is null || until(o)) ? new Box(o) : null;
            },
            $"order {orderId} to reach the expected state",
            timeout,
            () => last is { } l ? Json.Shorten(l) : "404");
        return found.Value;
    }

    /// <summary>Waits until the brand's quarantine holds an entry for the delivery satisfying <paramref name="until"/>.</summary>
    public async Task<JsonElement> WaitForQuarantineAsync(string deliveryKey, Func<JsonElement, bool>? until = null, TimeSpan? timeout = null)
    {
        JsonElement? last = null;
        var found = await Poll.UntilAsync<Box>(
            async ct =>
            {
                last = (await QuarantineCoreAsync(null, ct)).Cast<JsonElement?>().FirstOrDefault(q => q!.Value.Str("deliveryKey") == deliveryKey);
                return last is { } q && (until is null || until(q)) ? new Box(q) : null;
            },
            $"quarantine entry {deliveryKey}",
            timeout,
            () => last is { } l ? Json.Shorten(l) : "no entry");
        return found.Value;
    }

    /// <summary>A rejected delivery left no trace: no raw blob, no event-log entry, no quarantine entry.</summary>
    public async Task AssertNothingStoredAsync(SalesChannel channel, string deliveryKey)
    {
        using (var raw = await GetRawDeliveryAsync(channel, deliveryKey))
        {
            Assert.Equal(HttpStatusCode.NotFound, raw.StatusCode);
        }

        Assert.DoesNotContain(await ChannelEventsAsync(), e => e.Str("deliveryKey") == deliveryKey);
        Assert.Empty(await QuarantineAsync());
    }

    /// <summary>GETs <paramref name="path"/> (relative to the app) and expects 200; the failure names the path, status and body.</summary>
    public Task<JsonElement> GetOkBodyAsync(string path) => ExpectOkAsync(HttpMethod.Get, path);

    /// <summary>POSTs <paramref name="path"/> with no body and expects 200; the failure names the path, status and body.</summary>
    public Task<JsonElement> PostOkBodyAsync(string path) => ExpectOkAsync(HttpMethod.Post, path);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> ExpectOkAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        using var response = await _http.SendAsync(request, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {body}");
        return Json.Parse(body);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<JsonElement> GetOkAsync(string relative, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(relative, UriKind.Relative), cancellationToken);
        return await ReadOkAsync(response, cancellationToken);
    }

    private static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        return Json.Parse(body);
    }

    /// <summary>The 200 body of an accepted webhook.</summary>
    public sealed record Acknowledgement(string DeliveryKey, string Status);

    private sealed record Box(JsonElement Value);
}
