using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Simulator;

/// <summary>
/// The missed-webhook backstop in the quick start: one Walmart order changes on the channel (the stub serves it) but
/// its webhook is never sent; the operations route <c>POST /api/brands/{brandId}/backstop/run</c> runs the backstop
/// (the timer is off in the quick start, so the run shown is the one that finds it) and the order must land in the
/// truth at the channel's version, referenced by the backstop, and be counted as missed for its day.
/// </summary>
internal sealed class BackstopDemo
{
    private readonly string _orderId;
    private readonly DateTimeOffset _version;
    private readonly JsonElement _run;
    private readonly JsonElement? _stored;
    private readonly JsonElement _day;

    private BackstopDemo(string orderId, DateTimeOffset version, JsonElement run, JsonElement? stored, JsonElement day)
    {
        _orderId = orderId;
        _version = version;
        _run = run;
        _stored = stored;
        _day = day;
    }

    /// <summary>The quick-start settings it needs: the timer off, so the route's run is the one that finds the order.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Backstop:TimerEnabled"] = "false" };

    public bool Recovered =>
        _stored is { } stored
        && stored.GetProperty("order").GetProperty("version").GetProperty("updatedAt").GetDateTimeOffset().ToUnixTimeMilliseconds() == _version.ToUnixTimeMilliseconds()
        && stored.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("topic").GetString() == "backstop")
        && _day.GetProperty("channels").TryGetProperty("walmart", out var walmart)
        && walmart.GetProperty("missedOrders").EnumerateArray().Any(k => k.GetString()!.StartsWith(_orderId + "@", StringComparison.Ordinal));

    public static async Task<BackstopDemo> RunAsync(HttpClient api, Marketplace marketplace, ScenarioAccounts accounts, CancellationToken cancellationToken)
    {
        // Changed 20 minutes ago: inside the first run's window (a day back, up to 5 minutes ago, Backstop:SettleDelay).
        var version = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeMilliseconds());
        var purchaseOrderId = "1088" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) + "42";
        var order = ChannelSamples.Load("walmart-get-order.json");
        order["order"]!["purchaseOrderId"] = purchaseOrderId;
        order["order"]!["orderDate"] = version.AddHours(-2).ToUnixTimeMilliseconds();
        foreach (var line in order["order"]!["orderLines"]!["orderLine"]!.AsArray())
        {
            line!["statusDate"] = version.ToUnixTimeMilliseconds();
        }

        marketplace.PutWalmartOrder(purchaseOrderId, ChannelSamples.Write(order));
        var orderId = OrderIdFor(purchaseOrderId);

        using var response = await api.PostAsync(new Uri($"api/brands/{accounts.BrandId}/backstop/run", UriKind.Relative), null, cancellationToken);
        response.EnsureSuccessStatusCode();
        var run = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        using var read = await api.GetAsync(new Uri($"api/brands/{accounts.BrandId}/orders/{Uri.EscapeDataString(orderId)}", UriKind.Relative), cancellationToken);
        JsonElement? stored = read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<JsonElement>(cancellationToken) : null;
        var day = await api.GetFromJsonAsync<JsonElement>(
            $"api/brands/{accounts.BrandId}/backstop?day={version.UtcDateTime:yyyy-MM-dd}", cancellationToken);
        return new BackstopDemo(orderId, version, run, stored, day);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Missed-webhook backstop: Walmart order {_orderId} changed at {_version:O} on the channel, no webhook sent");
        output.WriteLine("| channel | account | window | pages | listed | already converged | recovered | late |");
        output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var account in _run.GetProperty("accounts").EnumerateArray())
        {
            var from = account.GetProperty("from").GetDateTimeOffset();
            var until = account.GetProperty("until").GetDateTimeOffset();
            var error = account.GetProperty("error").ValueKind == JsonValueKind.String ? $" (stopped: {account.GetProperty("error").GetString()})" : string.Empty;
            output.WriteLine(
                $"| {account.GetProperty("channel").GetString()} | {account.GetProperty("accountId").GetString()} | {from:MM-dd HH:mm} to {until:MM-dd HH:mm} UTC{error} " +
                $"| {account.GetProperty("pages").GetInt32()} | {account.GetProperty("listed").GetInt32()} | {account.GetProperty("alreadyConverged").GetInt32()} " +
                $"| {string.Join(", ", account.GetProperty("recovered").EnumerateArray().Select(r => r.GetString()))} | {account.GetProperty("late").GetArrayLength()} |");
        }

        var status = _stored?.GetProperty("order").GetProperty("status").GetString() ?? "no order";
        output.WriteLine(Recovered
            ? $"Recovered: {_orderId} is in the truth ({status}) at the channel's version, referenced by the backstop, and counted missed for {_version.UtcDateTime:yyyy-MM-dd} (GET /api/brands/{{brandId}}/backstop?day=)."
            : $"NOT recovered: {_orderId} ({status}); the backstop did not bring it in.");
    }

    private static string OrderIdFor(string purchaseOrderId) => $"{SalesChannel.Walmart.Slug()}:{purchaseOrderId}";
}
