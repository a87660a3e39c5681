using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Simulator;

/// <summary>
/// What a careless or hostile caller gets: a few deliberately wrong calls, each with the answer the edge
/// must give. Shown in the quick start so the rejection paths are seen working, not only the happy path.
/// </summary>
internal static class EdgeChecks
{
    public static async Task<IReadOnlyList<(string Case, int Expected, int Actual)>> RunAsync(HttpClient http, ScenarioAccounts accounts, CancellationToken cancellationToken)
    {
        var sample = ChannelSamples.Bytes("shopify-orders-create.json");
        var signed = accounts.Sign(SalesChannel.Shopify, sample, "edge-check-1", "orders/create");
        var tampered = signed with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(sample).Replace("\"quantity\": 2,", "\"quantity\": 3,", StringComparison.Ordinal)) };
        var unsupported = accounts.Sign(SalesChannel.Shopify, sample, "edge-check-2", "carts/create");
        var malformed = accounts.Sign(SalesChannel.TikTokShop, Encoding.UTF8.GetBytes("{\"type\": 1, \"shop_id\": \"" + accounts.AccountId(SalesChannel.TikTokShop) + "\", \"data\": "), "edge-check-3");
        var cases = new (string Case, SignedWebhook Webhook, int Expected)[]
        {
            ("Shopify body tampered after signing", tampered, 401),
            ("Shopify topic we do not handle (raw kept in quarantine)", unsupported, 422),
            ("TikTok Shop truncated JSON", malformed, 400),
        };
        var results = new List<(string, int, int)>();
        foreach (var (name, webhook, expected) in cases)
        {
            using var request = webhook.ToRequest(http.BaseAddress!);
            using var response = await http.SendAsync(request, cancellationToken);
            results.Add((name, expected, (int)response.StatusCode));
        }

        // The read APIs answer only a caller with the role and the brand in its scope (X-Api-Key locally).
        var orders = $"api/brands/{accounts.BrandId}/orders?day={DateTime.UtcNow:yyyy-MM-dd}";
        results.Add(("Orders API without a credential", 401, await StatusAsync(http, orders, apiKey: null, cancellationToken)));
        results.Add(("Orders API with a key that is not the app's", 401, await StatusAsync(http, orders, "not-a-key-of-this-app-000000000000", cancellationToken)));
        return results;
    }

    private static async Task<int> StatusAsync(HttpClient http, string path, string? apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(http.BaseAddress!, path));
        if (apiKey is not null)
        {
            request.Headers.Add(LocalStackSettings.ApiKeyHeader, apiKey);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }
}
