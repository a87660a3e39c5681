using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.StubMarketplace;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Simulator;

/// <summary>
/// A channel connected and its token refreshed, in the quick start: the admin starts a TikTok Shop connection
/// (<c>POST /api/brands/{brandId}/connections/tiktok</c>), the seller approves on the stub's authorisation page, our
/// callback exchanges the code; the stub issues access tokens that live a few seconds, so the next webhook's order read
/// finds the token due and refreshes it once (TikTok hands out a new refresh token with it, which the app stores).
/// </summary>
internal sealed class ConnectionDemo
{
    /// <summary>Short enough to expire during the demo, long enough that the connection's own read does not refresh it.</summary>
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan OrderDeadline = TimeSpan.FromSeconds(60);

    private readonly JsonElement _connected;
    private readonly JsonElement _after;
    private readonly int _tokenCalls;
    private readonly string _orderId;
    private readonly bool _orderStored;

    private ConnectionDemo(JsonElement connected, JsonElement after, int tokenCalls, string orderId, bool orderStored)
    {
        _connected = connected;
        _after = after;
        _tokenCalls = tokenCalls;
        _orderId = orderId;
        _orderStored = orderStored;
    }

    /// <summary>The quick-start settings it needs: our marketplace apps as the stub knows them, and a one-second refresh skew.</summary>
    public static IReadOnlyDictionary<string, string> Settings(Uri marketplace)
    {
        var settings = new Dictionary<string, string>(StubApps.Default.Settings(marketplace)) { ["ChannelTokens:RefreshSkew"] = "00:00:01" };
        return settings;
    }

    /// <summary>Connected by OAuth, then exactly one code exchange and one refresh at the stub, and the order read with the new token.</summary>
    public bool Succeeded =>
        Status(_connected) == "Connected" && Status(_after) == "Connected"
        && _after.GetProperty("refreshCount").GetInt64() == 1 && _tokenCalls == 2 && _orderStored;

    public static async Task<ConnectionDemo> RunAsync(HttpClient api, Marketplace marketplace, ScenarioAccounts accounts, CancellationToken cancellationToken)
    {
        marketplace.Tokens.SetAccessTokenLifetime(SalesChannel.TikTokShop, AccessTokenLifetime);
        var connected = await ConnectTikTokAsync(api, accounts.BrandId, cancellationToken);
        var expiresAt = connected.GetProperty("accessTokenExpiresAt").GetDateTimeOffset();

        // Wait out the token (minus the one-second skew) so the webhook's order read must refresh it.
        var due = expiresAt - TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due + TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        var orderId = "5769" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture) + "000042";
        marketplace.PutTikTokOrder(orderId, ChannelSamples.Text("tiktok-order-detail.json").Replace(SampleOrderId, orderId, StringComparison.Ordinal));
        var notificationId = "7440" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) + "000042";
        var body = Encoding.UTF8.GetBytes(ChannelSamples.Text("tiktok-order-status-change.json")
            .Replace(SampleOrderId, orderId, StringComparison.Ordinal)
            .Replace(SampleNotificationId, notificationId, StringComparison.Ordinal));
        using (var request = accounts.Sign(SalesChannel.TikTokShop, body, notificationId).ToRequest(api.BaseAddress!))
        using (var sent = await api.SendAsync(request, cancellationToken))
        {
            sent.EnsureSuccessStatusCode();
        }

        var stored = await WaitForOrderAsync(api, accounts.BrandId, $"{SalesChannel.TikTokShop.Slug()}:{orderId}", cancellationToken);
        var after = await ConnectionAsync(api, accounts.BrandId, accounts.TikTokShopId, cancellationToken);
        return new ConnectionDemo(connected, after, marketplace.Tokens.TokenCalls(SalesChannel.TikTokShop, accounts.TikTokShopId), orderId, stored);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Channel connection: TikTok Shop authorised by OAuth, its access token refreshed when due");
        output.WriteLine("| step | status | grant | access token expires | refreshes | token calls at the channel |");
        output.WriteLine("|---|---|---|---|---:|---:|");
        output.WriteLine($"| connected (callback) | {Status(_connected)} | {_connected.GetProperty("grant")} | {Expiry(_connected)} | {_connected.GetProperty("refreshCount").GetInt64()} | 1 |");
        output.WriteLine($"| after order {_orderId} | {Status(_after)} | {_after.GetProperty("grant")} | {Expiry(_after)} | {_after.GetProperty("refreshCount").GetInt64()} | {_tokenCalls} |");
        output.WriteLine(Succeeded
            ? "Connected and refreshed: one code exchange, one refresh (the rotated refresh token stored first), the order read with the new token (the API answers expiry and counts, never a token)."
            : $"NOT as expected: connection {Status(_after)}, {_tokenCalls} token calls (expected 2), order stored: {_orderStored}.");
    }

    private const string SampleOrderId = "576912345678901234";

    private const string SampleNotificationId = "7440112233445566771";

    private static string? Status(JsonElement connection) => connection.GetProperty("status").GetString();

    private static string Expiry(JsonElement connection) =>
        connection.GetProperty("accessTokenExpiresAt").GetDateTimeOffset().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static async Task<JsonElement> ConnectTikTokAsync(HttpClient api, string brandId, CancellationToken cancellationToken)
    {
        using var start = await api.PostAsJsonAsync($"api/brands/{brandId}/connections/tiktok", new { }, cancellationToken);
        if (start.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Starting the TikTok Shop connection answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var authorizationUrl = new Uri((await start.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("authorizationUrl").GetString()!);
        var callback = await Marketplace.ApproveAsync(authorizationUrl, cancellationToken);
        using var answer = await api.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative), cancellationToken);
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The TikTok Shop callback answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private static async Task<JsonElement> ConnectionAsync(HttpClient api, string brandId, string accountId, CancellationToken cancellationToken)
    {
        var connections = await api.GetFromJsonAsync<JsonElement>($"api/brands/{brandId}/connections", cancellationToken);
        return connections.EnumerateArray().Single(c =>
            c.GetProperty("channel").GetString() == SalesChannel.TikTokShop.Slug() && c.GetProperty("accountId").GetString() == accountId);
    }

    private static async Task<bool> WaitForOrderAsync(HttpClient api, string brandId, string orderId, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < OrderDeadline)
        {
            using var read = await api.GetAsync(new Uri($"api/brands/{brandId}/orders/{Uri.EscapeDataString(orderId)}", UriKind.Relative), cancellationToken);
            if (read.IsSuccessStatusCode)
            {
                return true;
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }
}
