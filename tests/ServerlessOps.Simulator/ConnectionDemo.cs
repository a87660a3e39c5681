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
/// finds the token due and refreshes it once (TikTok hands out a new refresh token with it, which the app stores). Then
/// the channel refuses that fresh token its own way (HTTP 200 with code 105002, not a 401) on the next order's read: the
/// app renews it once and reads again, so the order still lands.
/// </summary>
internal sealed class ConnectionDemo
{
    /// <summary>Short enough to expire during the demo, long enough that the connection's own read does not refresh it.</summary>
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan OrderDeadline = TimeSpan.FromSeconds(60);

    private readonly JsonElement _connected;
    private readonly Step _refreshed;
    private readonly Step _refused;

    private ConnectionDemo(JsonElement connected, Step refreshed, Step refused)
    {
        _connected = connected;
        _refreshed = refreshed;
        _refused = refused;
    }

    /// <summary>An order read through the connection: the connection after it, the token calls the channel counted by then.</summary>
    private sealed record Step(string OrderId, bool OrderStored, JsonElement Connection, int TokenCalls);

    /// <summary>The quick-start settings it needs: our marketplace apps as the stub knows them, and a one-second refresh skew.</summary>
    public static IReadOnlyDictionary<string, string> Settings(Uri marketplace)
    {
        var settings = new Dictionary<string, string>(StubApps.Default.Settings(marketplace)) { ["ChannelTokens:RefreshSkew"] = "00:00:01" };
        return settings;
    }

    /// <summary>
    /// Connected by OAuth, then exactly one code exchange and one refresh at the stub and the order read with the new token;
    /// then exactly one renewal of the refused token and the next order read with it.
    /// </summary>
    public bool Succeeded =>
        Status(_connected) == "Connected"
        && Status(_refreshed.Connection) == "Connected" && RefreshCount(_refreshed) == 1 && _refreshed.TokenCalls == 2 && _refreshed.OrderStored
        && Status(_refused.Connection) == "Connected" && RefreshCount(_refused) == 2 && _refused.TokenCalls == 3 && _refused.OrderStored;

    public static async Task<ConnectionDemo> RunAsync(HttpClient api, Marketplace marketplace, ScenarioAccounts accounts, CancellationToken cancellationToken)
    {
        marketplace.Tokens.SetAccessTokenLifetime(SalesChannel.TikTokShop, AccessTokenLifetime);
        var connected = await ConnectTikTokAsync(api, accounts.BrandId, cancellationToken);
        var expiresAt = connected.GetProperty("accessTokenExpiresAt").GetDateTimeOffset();

        // The refresh below gets a token that outlives the demo, so the refusal after it meets a token that is not due.
        marketplace.Tokens.SetAccessTokenLifetime(SalesChannel.TikTokShop, TimeSpan.FromMinutes(30));

        // Wait out the token (minus the one-second skew) so the webhook's order read must refresh it.
        var due = expiresAt - TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due + TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        var refreshed = await ReadOrderAsync(api, marketplace, accounts, cancellationToken);

        // The channel drops the token it just issued, and says so TikTok's way: HTTP 200, code 105002.
        marketplace.RefuseNextToken(SalesChannel.TikTokShop);
        var refused = await ReadOrderAsync(api, marketplace, accounts, cancellationToken);
        return new ConnectionDemo(connected, refreshed, refused);
    }

    /// <summary>A new TikTok order's webhook, then the order awaited in the truth (read from the channel's API by then).</summary>
    private static async Task<Step> ReadOrderAsync(HttpClient api, Marketplace marketplace, ScenarioAccounts accounts, CancellationToken cancellationToken)
    {
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
        var connection = await ConnectionAsync(api, accounts.BrandId, accounts.TikTokShopId, cancellationToken);
        return new Step(orderId, stored, connection, marketplace.Tokens.TokenCalls(SalesChannel.TikTokShop, accounts.TikTokShopId));
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Channel connection: TikTok Shop authorised by OAuth, its access token refreshed when due, and renewed when the channel refuses it");
        output.WriteLine("| step | status | grant | access token expires | refreshes | token calls at the channel |");
        output.WriteLine("|---|---|---|---|---:|---:|");
        output.WriteLine($"| connected (callback) | {Status(_connected)} | {_connected.GetProperty("grant")} | {Expiry(_connected)} | {_connected.GetProperty("refreshCount").GetInt64()} | 1 |");
        PrintStep(output, $"after order {_refreshed.OrderId} (token due)", _refreshed);
        PrintStep(output, $"after order {_refused.OrderId} (token refused: HTTP 200, code 105002)", _refused);
        output.WriteLine(Succeeded
            ? "Connected, refreshed and renewed: one code exchange, one refresh when due (the rotated refresh token stored first), the order read with the new token; "
              + "then TikTok refused that token with code 105002 in an HTTP 200, the app renewed it once and read the next order again (the API answers expiry and counts, never a token)."
            : $"NOT as expected: connection {Status(_refused.Connection)}, {_refreshed.TokenCalls} then {_refused.TokenCalls} token calls (expected 2 then 3), "
              + $"refreshes {RefreshCount(_refreshed)} then {RefreshCount(_refused)} (expected 1 then 2), orders stored: {_refreshed.OrderStored}, {_refused.OrderStored}.");
    }

    private static void PrintStep(TextWriter output, string step, Step read) =>
        output.WriteLine($"| {step} | {Status(read.Connection)} | {read.Connection.GetProperty("grant")} | {Expiry(read.Connection)} | {RefreshCount(read)} | {read.TokenCalls} |");

    private static long RefreshCount(Step read) => read.Connection.GetProperty("refreshCount").GetInt64();

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
