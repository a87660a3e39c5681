using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Reads a TikTok Shop order through Get Order Detail, <c>GET /order/202309/orders?ids=...</c> (CHANNELS.md 4.5), and,
/// when asked, its returns through Search Returns, <c>POST /return_refund/202309/returns/search</c> with body
/// <c>{"order_ids":[...]}</c>, following <c>next_page_token</c> (the 202309 Return and Refund API as public SDKs model
/// it). Both are signed per <see cref="TikTokRequestSigner"/> (the POST's body is part of the sign), with the access
/// token in <c>x-tts-access-token</c>. TikTok answers 200 with a non-zero <c>code</c> when it refuses a call: that is a
/// <see cref="ChannelApiException"/> carrying the code and <c>request_id</c>. An answer without the order is
/// <see cref="ChannelOrderNotFoundException"/>. The access token comes from the credential source (in the app, the token
/// service refreshes it).
/// </summary>
public sealed class TikTokShopOrderReader : IChannelOrderReader, IChannelReturnReader
{
    private const string Path = "order/202309/orders";
    private const string Operation = "GET /order/202309/orders";
    private const string ReturnsPath = "return_refund/202309/returns/search";
    private const string ReturnsOperation = "POST /return_refund/202309/returns/search";

    /// <summary>Returns per page asked for (TikTok's maximum is 50 per the SDKs); one order rarely has more than one page.</summary>
    private const int ReturnsPageSize = 50;

    /// <summary>Guards against a page-token loop.</summary>
    private const int MaxReturnPages = 20;

    private readonly HttpClient _httpClient;
    private readonly IChannelApiCredentialSource _credentials;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TikTokShopOrderReader> _logger;

    public TikTokShopOrderReader(HttpClient httpClient, IChannelApiCredentialSource credentials, TimeProvider timeProvider, ILogger<TikTokShopOrderReader> logger)
    {
        _httpClient = httpClient;
        _credentials = credentials;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public SalesChannel Channel => SalesChannel.TikTokShop;

    public string ReturnsPart => ChannelOrderDocument.TikTokReturns;

    public async Task<ChannelOrderDocument> ReadOrderAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalOrderId);
        var credential = await CredentialAsync(account, cancellationToken);
        using var request = Signed(HttpMethod.Get, Path, credential, account.AccountId, [new("ids", externalOrderId)], body: null);
        var answer = await ChannelApiCall.SendAsync(
            _httpClient, request, Channel, Operation, externalOrderId, static (_, body) => ReadEnvelope(body).RequestId, _logger, cancellationToken);

        var envelope = ReadEnvelope(answer.Body);
        ThrowOnErrorCode(envelope, Operation, externalOrderId);
        if (!envelope.HasOrder(externalOrderId))
        {
            _logger.NotFound(Channel, Operation, externalOrderId, envelope.RequestId);
            throw new ChannelOrderNotFoundException(
                Channel, Operation, externalOrderId, HttpStatusCode.OK, envelope.RequestId,
                $"TikTok Shop {Operation} answered code 0 without order {externalOrderId} in data.orders (request id {envelope.RequestId ?? "none"}).");
        }

        _logger.OrderRead(Channel, externalOrderId, account.BrandId, account.AccountId);
        return new ChannelOrderDocument(Channel, externalOrderId, new Dictionary<string, string>
        {
            [ChannelOrderDocument.TikTokOrderDetail] = answer.Body,
        });
    }

    /// <summary>Every return of the order: one Search Returns answer, with every page's <c>return_orders</c> merged into the first.</summary>
    public async Task<string> ReadReturnsAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalOrderId);
        var credential = await CredentialAsync(account, cancellationToken);
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["order_ids"] = new JsonArray(externalOrderId) }.ToJsonString());
        JsonNode? merged = null;
        string? pageToken = null;
        for (var page = 1; ; page++)
        {
            if (page > MaxReturnPages)
            {
                throw new ChannelPayloadException($"TikTok Shop {ReturnsOperation} for order {externalOrderId} still had a next_page_token after {MaxReturnPages} pages.");
            }

            var query = new List<KeyValuePair<string, string>> { new("page_size", ReturnsPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            if (pageToken is not null)
            {
                query.Add(new("page_token", pageToken));
            }

            using var request = Signed(HttpMethod.Post, ReturnsPath, credential, account.AccountId, query, body);
            var answer = await ChannelApiCall.SendAsync(
                _httpClient, request, Channel, ReturnsOperation, externalOrderId, static (_, text) => ReadEnvelope(text).RequestId, _logger, cancellationToken);
            ThrowOnErrorCode(ReadEnvelope(answer.Body), ReturnsOperation, externalOrderId);

            var node = JsonNode.Parse(answer.Body);
            var returns = node?["data"]?["return_orders"] as JsonArray ?? [];
            if (merged is null)
            {
                merged = node!;
            }
            else if (merged["data"]?["return_orders"] is JsonArray into)
            {
                foreach (var item in returns.ToArray())
                {
                    into.Add(item!.DeepClone());
                }
            }

            pageToken = node?["data"]?["next_page_token"] is JsonValue token && token.TryGetValue<string>(out var next) && next.Length > 0 ? next : null;
            if (pageToken is null)
            {
                break;
            }
        }

        if (merged!["data"] is JsonObject data)
        {
            data.Remove("next_page_token");
        }

        _logger.ReturnsRead(Channel, externalOrderId, account.BrandId, account.AccountId);
        return merged.ToJsonString();
    }

    private async Task<ChannelApiCredential> CredentialAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        return TikTokRequest.RequireSigningKeys(await _credentials.GetAsync(account, cancellationToken), account, "API calls");
    }

    private HttpRequestMessage Signed(HttpMethod method, string path, ChannelApiCredential credential, string accountId, IEnumerable<KeyValuePair<string, string>> parameters, byte[]? body) =>
        TikTokRequest.Create(_httpClient.BaseAddress, method, path, credential, accountId, _timeProvider.GetUtcNow(), parameters, body);

    private void ThrowOnErrorCode(TikTokEnvelope envelope, string operation, string externalOrderId)
    {
        if (envelope.Code is 0)
        {
            return;
        }

        _logger.TikTokErrorCode(operation, externalOrderId, envelope.Code ?? -1, envelope.RequestId);
        throw new ChannelApiException(
            Channel, operation, HttpStatusCode.OK, envelope.RequestId,
            $"TikTok Shop {operation} for order {externalOrderId} failed with code {envelope.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}" +
            $" '{envelope.Message}' (request id {envelope.RequestId ?? "none"}); TikTok answers HTTP 200 with a non-zero code when it refuses a call.");
    }

    private static TikTokEnvelope ReadEnvelope(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new TikTokEnvelope(null, null, null, []);
            }

            long? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var n) ? n : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var requestId = root.TryGetProperty("request_id", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var ids = new List<string>();
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("orders", out var orders) && orders.ValueKind == JsonValueKind.Array)
            {
                foreach (var order in orders.EnumerateArray())
                {
                    if (order.ValueKind == JsonValueKind.Object && order.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                    {
                        ids.Add(id.GetString()!);
                    }
                }
            }

            return new TikTokEnvelope(code, message, requestId, ids);
        }
        catch (JsonException)
        {
            return new TikTokEnvelope(null, "the body is not JSON", null, []);
        }
    }

    private sealed record TikTokEnvelope(long? Code, string? Message, string? RequestId, IReadOnlyList<string> OrderIds)
    {
        public bool HasOrder(string externalOrderId) => OrderIds.Contains(externalOrderId, StringComparer.Ordinal);
    }
}
