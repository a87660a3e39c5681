using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// TikTok Shop Search Orders, <c>POST /order/202309/orders/search?page_size=...&amp;page_token=...</c> with body
/// <c>{"update_time_ge":..., "update_time_lt":...}</c> (Unix seconds), signed like every call (<see cref="TikTokRequestSigner"/>,
/// the body is part of the sign), paged by <c>data.next_page_token</c>; <c>update_time</c> is the version. TikTok answers
/// 200 with a non-zero <c>code</c> when it refuses: a <see cref="ChannelApiException"/>. Rates are per app and shop
/// (CHANNELS.md 4.7, unconfirmed): the pipeline backs off on 429 and 503.
/// </summary>
public sealed class TikTokShopOrderLister(
    HttpClient httpClient, IChannelApiCredentialSource credentials, TimeProvider timeProvider, ILogger<TikTokShopOrderLister> logger)
    : IChannelOrderLister
{
    private const string Path = "order/202309/orders/search";
    private const string Operation = "POST /order/202309/orders/search";

    public SalesChannel Channel => SalesChannel.TikTokShop;

    public async Task<ChangedOrderPage> ListChangedAsync(
        ChannelAccount account, ChangedOrderWindow window, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(window);
        var credential = TikTokRequest.RequireSigningKeys(await credentials.GetAsync(account, cancellationToken), account, "API calls");

        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["update_time_ge"] = window.From.ToUnixTimeSeconds(),
            ["update_time_lt"] = window.Until.ToUnixTimeSeconds(),
        }.ToJsonString());
        var parameters = new List<KeyValuePair<string, string>> { new("page_size", pageSize.ToString(CultureInfo.InvariantCulture)) };
        if (pageToken is not null)
        {
            parameters.Add(new("page_token", pageToken));
        }

        using var request = TikTokRequest.Create(httpClient.BaseAddress, HttpMethod.Post, Path, credential, account.AccountId, timeProvider.GetUtcNow(), parameters, body);
        var answer = await ChannelApiCall.SendAsync(
            httpClient, request, Channel, Operation, "(changed orders)",
            static (_, text) => ChangedOrderJson.OptionalText(SafeParse(text)?["request_id"]), logger, cancellationToken);

        var root = ChangedOrderJson.Parse(Channel, Operation, answer.Body);
        var code = root["code"] is JsonValue c && c.TryGetValue<long>(out var n) ? n : -1;
        if (code != 0)
        {
            var requestId = ChangedOrderJson.OptionalText(root["request_id"]);
            throw new ChannelApiException(
                Channel, Operation, HttpStatusCode.OK, requestId,
                $"TikTok Shop {Operation} failed with code {code.ToString(CultureInfo.InvariantCulture)} '{ChangedOrderJson.OptionalText(root["message"])}' (request id {requestId ?? "none"}).");
        }

        var orders = (root["data"]?["orders"] as JsonArray ?? [])
            .Select(o => new ChangedOrder(
                ChangedOrderJson.Text(o?["id"], Channel, "data.orders[].id"),
                DateTimeOffset.FromUnixTimeSeconds(ChangedOrderJson.Number(o?["update_time"], Channel, "data.orders[].update_time"))))
            .ToList();
        return new ChangedOrderPage(orders, ChangedOrderJson.OptionalText(root["data"]?["next_page_token"]));
    }

    private static JsonNode? SafeParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
