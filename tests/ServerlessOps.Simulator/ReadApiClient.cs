using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Simulator;

/// <summary>Reads back what landed, through the function app's own HTTP read APIs (not the stores).</summary>
internal sealed class ReadApiClient(HttpClient http, string brandId)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<IReadOnlyList<ChannelEvent>> ChannelEventsAsync(DateOnly day, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<ChannelEvent>>($"api/brands/{brandId}/channel-events?day={day:yyyy-MM-dd}", Json, cancellationToken) ?? [];

    public async Task<IReadOnlyList<StoredOrder>> OrdersAsync(DateOnly day, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<StoredOrder>>($"api/brands/{brandId}/orders?day={day:yyyy-MM-dd}", Json, cancellationToken) ?? [];

    public async Task<StoredOrder?> OrderAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"api/brands/{brandId}/orders/{Uri.EscapeDataString(orderId)}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<StoredOrder>(Json, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<QuarantinedDelivery>> QuarantineAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<QuarantinedDelivery>>($"api/brands/{brandId}/quarantine", Json, cancellationToken) ?? [];
}
