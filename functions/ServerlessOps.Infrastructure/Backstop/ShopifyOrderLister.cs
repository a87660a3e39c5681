using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// Shopify has no webhook re-read, so the backstop is its only other way in. Lists with the GraphQL Admin API
/// <c>orders(first:, after:, sortKey: UPDATED_AT, query: "updated_at:&gt;='...' updated_at:&lt;'...'")</c>, paged by
/// <c>pageInfo.endCursor</c>, and reads a behind order as the REST Order resource (<c>GET /admin/api/{version}/orders/{id}.json</c>),
/// the body orders webhooks carry, so the same mapper converges it. Shopify's REST Admin API is legacy (CHANNELS.md 1.8):
/// reading the order through GraphQL needs a GraphQL order mapper, which does not exist yet. Throttling: a 429 is
/// waited out by the pipeline; a GraphQL <c>THROTTLED</c> error is "unavailable", and the run tries again next time.
/// </summary>
public sealed class ShopifyOrderLister(HttpClient httpClient, IChannelApiCredentialSource credentials, IOptions<BackstopOptions> options, ILogger<ShopifyOrderLister> logger)
    : IChannelOrderLister
{
    private const string ListOperation = "POST /admin/api/graphql.json orders";
    private const string ReadOperation = "GET /admin/api/orders/{id}.json";

    private const string Query = """
        query ChangedOrders($first: Int!, $after: String, $query: String!) {
          orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
            nodes { legacyResourceId updatedAt }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public SalesChannel Channel => SalesChannel.Shopify;

    public async Task<ChangedOrderPage> ListChangedAsync(
        ChannelAccount account, ChangedOrderWindow window, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(window);
        var body = new JsonObject
        {
            ["query"] = Query,
            ["variables"] = new JsonObject
            {
                ["first"] = pageSize,
                ["after"] = pageToken,
                ["query"] = $"updated_at:>='{ChangedOrderJson.Iso(window.From)}' updated_at:<'{ChangedOrderJson.Iso(window.Until)}'",
            },
        }.ToJsonString();
        using var request = await RequestAsync(account, HttpMethod.Post, "graphql.json", cancellationToken);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var answer = await SendAsync(request, ListOperation, "(changed orders)", cancellationToken);

        var root = ChangedOrderJson.Parse(Channel, ListOperation, answer.Body);
        if (root["errors"] is JsonArray { Count: > 0 } errors)
        {
            var code = ChangedOrderJson.OptionalText(errors[0]?["extensions"]?["code"]);
            var message = ChangedOrderJson.OptionalText(errors[0]?["message"]) ?? "(no message)";
            throw code == "THROTTLED"
                ? new ChannelApiUnavailableException(Channel, ListOperation, HttpStatusCode.OK, answer.RequestId, $"Shopify {ListOperation} was throttled ({message}); the next run tries again.")
                : new ChannelApiException(Channel, ListOperation, HttpStatusCode.OK, answer.RequestId, $"Shopify {ListOperation} answered an error: {code ?? "(no code)"} {message}.");
        }

        var orders = root["data"]?["orders"];
        var changed = (orders?["nodes"] as JsonArray ?? [])
            .Select(o => new ChangedOrder(
                ChangedOrderJson.Text(o?["legacyResourceId"], Channel, "data.orders.nodes[].legacyResourceId"),
                ChangedOrderJson.Time(o?["updatedAt"], Channel, "data.orders.nodes[].updatedAt")))
            .ToList();
        var next = orders?["pageInfo"]?["hasNextPage"] is JsonValue more && more.TryGetValue<bool>(out var hasNext) && hasNext
            ? ChangedOrderJson.OptionalText(orders["pageInfo"]?["endCursor"])
            : null;
        return new ChangedOrderPage(changed, next);
    }

    /// <summary>The order as Shopify has it now, mapped exactly as an orders webhook is.</summary>
    /// <exception cref="ChannelOrderNotFoundException">Shopify answered 404.</exception>
    public async Task<Order> ReadOrderAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var request = await RequestAsync(account, HttpMethod.Get, $"orders/{Uri.EscapeDataString(externalOrderId)}.json", cancellationToken);
        var answer = await SendAsync(request, ReadOperation, externalOrderId, cancellationToken);
        logger.OrderRead(Channel, externalOrderId, account.BrandId, account.AccountId);
        return ShopifyOrderMapper.Map(JsonCursor.Parse(answer.Body, "Shopify order").Property("order"), account, triggeredAt: null);
    }

    private async Task<HttpRequestMessage> RequestAsync(ChannelAccount account, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var configured = options.Value.ShopifyAdminBaseUrl;
        var root = string.IsNullOrWhiteSpace(configured) ? $"https://{account.AccountId}/" : configured.EndsWith('/') ? configured : configured + "/";
        var request = new HttpRequestMessage(method, new Uri(new Uri(root, UriKind.Absolute), $"admin/api/{options.Value.ShopifyApiVersion}/{path}"));
        request.Headers.TryAddWithoutValidation(ChannelTokenHeaders.Shopify, token);
        request.Headers.Accept.ParseAdd("application/json");
        ChannelApiAccount.Set(request, account.AccountId);
        return request;
    }

    private Task<ChannelApiAnswer> SendAsync(HttpRequestMessage request, string operation, string what, CancellationToken cancellationToken) =>
        ChannelApiCall.SendAsync(
            httpClient, request, Channel, operation, what,
            static (response, _) => response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null,
            logger, cancellationToken);
}
