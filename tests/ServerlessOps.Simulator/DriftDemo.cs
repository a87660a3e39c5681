using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Simulator;

/// <summary>
/// Drift in the quick start: someone sets the hoodie's Walmart quantity by hand on the channel (the stub's listing changes
/// under us). The drift run (<c>POST /api/brands/{brandId}/drift/run</c>, the timer is off here) reads it once and only
/// notes it; the second read finds it still there, pushes the truth back and records an audit entry. The run must end
/// with the channel holding the truth again.
/// </summary>
internal sealed class DriftDemo
{
    private const string Sku = "ACME-HOODIE-GRY-L";

    private readonly int _edited;
    private readonly int? _truth;
    private readonly JsonElement _first;
    private readonly JsonElement _second;
    private readonly int? _onChannel;
    private readonly JsonElement? _entry;

    private DriftDemo(int edited, int? truth, JsonElement first, JsonElement second, int? onChannel, JsonElement? entry)
    {
        _edited = edited;
        _truth = truth;
        _first = first;
        _second = second;
        _onChannel = onChannel;
        _entry = entry;
    }

    /// <summary>The quick-start settings it needs: the drift timer off (the route's runs are the ones shown), Walmart read back at once.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Drift:TimerEnabled"] = "false",
        ["Drift:WalmartPropagationDelay"] = "00:00:00",
    };

    public bool Repaired =>
        Repairs(_first) == 0 && Repairs(_second) >= 1 && _truth is { } truth && _onChannel == truth
        && _entry is { } entry && entry.GetProperty("audit").GetArrayLength() >= 1;

    public static async Task<DriftDemo> RunAsync(HttpClient api, Marketplace marketplace, ScenarioAccounts accounts, CancellationToken cancellationToken)
    {
        var product = ScenarioProduct.Catalog.Single(p => p.Sku == Sku);
        var key = Marketplace.PushKey(
            new Domain.Catalog.ChannelListing(SalesChannel.Walmart, Sku, StockDemo.Location, ShipNode: StockDemo.WalmartShipNode), accounts.AccountId(SalesChannel.Walmart));
        var truth = marketplace.PushedQuantity(SalesChannel.Walmart, key);
        var edited = (truth ?? 0) + 7;
        marketplace.SetChannelQuantity(SalesChannel.Walmart, key, edited);

        var first = await RunDriftAsync(api, accounts.BrandId, cancellationToken);
        var second = await RunDriftAsync(api, accounts.BrandId, cancellationToken);
        var view = await api.GetFromJsonAsync<JsonElement>($"api/brands/{accounts.BrandId}/drift?sku={Uri.EscapeDataString(product.Sku)}", cancellationToken);
        JsonElement? entry = view.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("channel").GetString() is "Walmart" or "walmart").Select(e => (JsonElement?)e).FirstOrDefault();
        return new DriftDemo(edited, truth, first, second, marketplace.PushedQuantity(SalesChannel.Walmart, key), entry);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Drift: {Sku}'s Walmart quantity set by hand on the channel to {_edited} (the truth says {Format(_truth)})");
        output.WriteLine("| drift run | listings read | first seen | repaired | converged |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        output.WriteLine($"| first read | {_first.GetProperty("read").GetInt32()} | {_first.GetProperty("firstSeen").GetInt32()} | {Repairs(_first)} | {_first.GetProperty("converged").GetInt32()} |");
        output.WriteLine($"| second read | {_second.GetProperty("read").GetInt32()} | {_second.GetProperty("firstSeen").GetInt32()} | {Repairs(_second)} | {_second.GetProperty("converged").GetInt32()} |");
        if (_entry is { } entry && entry.GetProperty("audit").EnumerateArray().LastOrDefault() is { ValueKind: JsonValueKind.Object } audit)
        {
            output.WriteLine($"Audit: {audit.GetRawText()}");
        }

        output.WriteLine(Repaired
            ? $"Repaired on the second read (drift must persist across two reads): Walmart holds {Format(_onChannel)} again."
            : $"NOT repaired: Walmart holds {Format(_onChannel)}, the truth is {Format(_truth)}.");
    }

    private static int Repairs(JsonElement run) => run.GetProperty("repaired").GetInt32();

    private static string Format(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "none";

    private static async Task<JsonElement> RunDriftAsync(HttpClient api, string brandId, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsync(new Uri($"api/brands/{brandId}/drift/run?sku={Sku}", UriKind.Relative), null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}
