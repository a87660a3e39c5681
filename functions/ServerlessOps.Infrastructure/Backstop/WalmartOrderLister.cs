using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// Walmart <c>GET /v3/orders?lastModifiedStartDate=...&amp;lastModifiedEndDate=...&amp;limit=...</c> (CHANNELS.md 3.5), paged
/// by <c>list.meta.nextCursor</c> (a query string to send as is). An order's version is its latest line
/// <c>statusDate</c>, the field the webhook path converges on. Same headers as the order read (<see cref="WalmartRequest"/>); 429 is honoured by the
/// pipeline (Walmart documents 429 without naming a header; Retry-After is used when sent).
/// </summary>
public sealed class WalmartOrderLister(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<WalmartOrderLister> logger)
    : IChannelOrderLister
{
    private const string Operation = "GET /v3/orders";

    public SalesChannel Channel => SalesChannel.Walmart;

    public async Task<ChangedOrderPage> ListChangedAsync(
        ChannelAccount account, ChangedOrderWindow window, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(window);
        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var query = pageToken?.TrimStart('?')
            ?? $"lastModifiedStartDate={Uri.EscapeDataString(ChangedOrderJson.Iso(window.From))}"
               + $"&lastModifiedEndDate={Uri.EscapeDataString(ChangedOrderJson.Iso(window.Until))}&limit={pageSize}";
        var (request, requestIdOf) = WalmartRequest.Create(HttpMethod.Get, $"v3/orders?{query}", token, account.AccountId);
        using var _ = request;
        var answer = await ChannelApiCall.SendAsync(
            httpClient, request, Channel, Operation, "(changed orders)", requestIdOf, logger, cancellationToken);

        var list = ChangedOrderJson.Parse(Channel, Operation, answer.Body)["list"];
        var orders = (list?["elements"]?["order"] as JsonArray ?? [])
            .Select(o => new ChangedOrder(
                ChangedOrderJson.Text(o?["purchaseOrderId"], Channel, "list.elements.order[].purchaseOrderId"),
                LatestStatusDate(o)))
            .ToList();
        return new ChangedOrderPage(orders, ChangedOrderJson.OptionalText(list?["meta"]?["nextCursor"]));
    }

    private DateTimeOffset LatestStatusDate(JsonNode? order)
    {
        var lines = order?["orderLines"]?["orderLine"] as JsonArray ?? [];
        if (lines.Count == 0)
        {
            throw new ChannelPayloadException("Walmart list answer: an order has no orderLines.orderLine[].");
        }

        return lines.Max(l => DateTimeOffset.FromUnixTimeMilliseconds(ChangedOrderJson.Number(l?["statusDate"], Channel, "orderLines.orderLine[].statusDate")));
    }
}
