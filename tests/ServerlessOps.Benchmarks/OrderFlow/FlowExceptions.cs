using System.Net.Http.Json;
using System.Text.Json;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// The flows on their exception path after the drain, read from the app's own API (<c>GET /api/brands/{brandId}/exceptions</c>),
/// grouped by channel, step and cause with one detail each: an order that never reserved shows up here with why, where
/// the reservation and push counts only show that it is missing.
/// </summary>
internal static class FlowExceptions
{
    private const int DetailLength = 200;

    public static async Task<IReadOnlyList<(string What, int Flows)>> ReadAsync(HttpClient http, string brandId, CancellationToken cancellationToken)
    {
        var open = await http.GetFromJsonAsync<JsonElement>($"api/brands/{Uri.EscapeDataString(brandId)}/exceptions", cancellationToken);
        return [.. open.EnumerateArray()
            .GroupBy(e => $"{Text(e, "channel")} {Text(e, "step")} {Text(e, "cause")}")
            .OrderByDescending(g => g.Count())
            .Select(g => ($"{g.Key} (e.g. \"{Shorten(Text(g.First(), "detail"))}\")", g.Count()))];
    }

    private static string Text(JsonElement record, string property) =>
        record.TryGetProperty(property, out var value) ? value.ToString() : "?";

    private static string Shorten(string detail) => detail.Length <= DetailLength ? detail : detail[..DetailLength] + "…";
}
