using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>Signed Shopify orders/create deliveries, each a distinct order built from the real sample (≈8.7 KB).</summary>
internal sealed class ShopifyOrderFactory
{
    private readonly JsonNode _template = ChannelSamples.Load("shopify-orders-create.json");
    private readonly ScenarioAccounts _accounts = ScenarioAccounts.Default;

    public SignedWebhook Create(int sequence)
    {
        var order = _template.DeepClone();
        order["id"] = 7_000_000_000_000 + sequence;
        order["name"] = "#B" + sequence.ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(order.ToJsonString());
        return WebhookSigner.Shopify(
            body, "orders/create", _accounts.ShopifyShopDomain, _accounts.ShopifySecret,
            $"bench-{sequence:D8}", $"bench-event-{sequence:D8}", DateTimeOffset.UtcNow);
    }
}
