using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// Amazon SP-API Orders v0 <c>getOrders</c>: <c>GET /orders/v0/orders?MarketplaceIds=...&amp;LastUpdatedAfter=...&amp;LastUpdatedBefore=...</c>,
/// paged by <c>payload.NextToken</c>; each order's <c>LastUpdateDate</c> is its version (CHANNELS.md 2.7). Usage plan
/// 0.0167 requests/s with a burst of 20: a run's pages fit the burst, and a 429 (no Retry-After documented) is
/// waited out by the pipeline's back-off. LastUpdatedBefore must be at least 2 minutes in the past (the settle delay).
/// </summary>
public sealed class AmazonOrderLister(HttpClient httpClient, IChannelApiCredentialSource credentials, IOptions<BackstopOptions> options, ILogger<AmazonOrderLister> logger)
    : IChannelOrderLister
{
    private const string Operation = "GET /orders/v0/orders";

    public SalesChannel Channel => SalesChannel.Amazon;

    public async Task<ChangedOrderPage> ListChangedAsync(
        ChannelAccount account, ChangedOrderWindow window, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(window);
        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var query = $"MarketplaceIds={Uri.EscapeDataString(options.Value.AmazonMarketplaceIds)}"
            + $"&LastUpdatedAfter={Uri.EscapeDataString(ChangedOrderJson.Iso(window.From))}"
            + $"&LastUpdatedBefore={Uri.EscapeDataString(ChangedOrderJson.Iso(window.Until))}"
            + $"&MaxResultsPerPage={pageSize}";
        if (pageToken is not null)
        {
            query += $"&NextToken={Uri.EscapeDataString(pageToken)}";
        }

        using var request = AmazonRequest.Create(HttpMethod.Get, $"orders/v0/orders?{query}", token, account.AccountId);
        var answer = await ChannelApiCall.SendAsync(httpClient, request, Channel, Operation, "(changed orders)", AmazonRequest.RequestIdOf, logger, cancellationToken);

        var payload = ChangedOrderJson.Parse(Channel, Operation, answer.Body)["payload"];
        var orders = (payload?["Orders"] as JsonArray ?? [])
            .Select(o => new ChangedOrder(
                ChangedOrderJson.Text(o?["AmazonOrderId"], Channel, "payload.Orders[].AmazonOrderId"),
                ChangedOrderJson.Time(o?["LastUpdateDate"], Channel, "payload.Orders[].LastUpdateDate")))
            .ToList();
        return new ChangedOrderPage(orders, ChangedOrderJson.OptionalText(payload?["NextToken"]));
    }
}
