using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Simulator;

/// <summary>Reads back what landed, through the function app's own HTTP read APIs (not the stores), signed in with an API key.</summary>
internal sealed class ReadApiClient
{
    private readonly HttpClient _http;
    private readonly string _brandId;

    public ReadApiClient(HttpClient http, string brandId, string apiKey)
    {
        _http = http;
        _brandId = brandId;
        http.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, apiKey);
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<IReadOnlyList<ChannelEvent>> ChannelEventsAsync(DateOnly day, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<List<ChannelEvent>>($"api/brands/{_brandId}/channel-events?day={day:yyyy-MM-dd}", Json, cancellationToken) ?? [];

    public async Task<IReadOnlyList<StoredOrder>> OrdersAsync(DateOnly day, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<List<StoredOrder>>($"api/brands/{_brandId}/orders?day={day:yyyy-MM-dd}", Json, cancellationToken) ?? [];

    public async Task<StoredOrder?> OrderAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"api/brands/{_brandId}/orders/{Uri.EscapeDataString(orderId)}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<StoredOrder>(Json, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<QuarantinedDelivery>> QuarantineAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<List<QuarantinedDelivery>>($"api/brands/{_brandId}/quarantine", Json, cancellationToken) ?? [];
}
