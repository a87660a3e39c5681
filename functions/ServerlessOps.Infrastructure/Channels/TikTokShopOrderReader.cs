using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Reads a TikTok Shop order through Get Order Detail, <c>GET /order/202309/orders?ids=...</c> (CHANNELS.md 4.5),
/// signed per <see cref="TikTokRequestSigner"/>, with the access token in <c>x-tts-access-token</c>. TikTok answers
/// 200 with a non-zero <c>code</c> when it refuses a call: that is a <see cref="ChannelApiException"/> carrying the
/// code and <c>request_id</c>. An answer without the order is <see cref="ChannelOrderNotFoundException"/>.
/// The access token is configured; TikTok's token refresh is not implemented.
/// </summary>
public sealed class TikTokShopOrderReader : IChannelOrderReader
{
    private const string Path = "order/202309/orders";
    private const string Operation = "GET /order/202309/orders";

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

    public async Task<ChannelOrderDocument> ReadOrderAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalOrderId);
        var credential = _credentials.Get(account);
        if (string.IsNullOrEmpty(credential.AppKey) || string.IsNullOrEmpty(credential.AppSecret))
        {
            throw new ChannelApiCredentialMissingException(
                $"TikTok Shop account {account.AccountId} of brand {account.BrandId} has no app key or app secret; its API calls cannot be signed.");
        }

        var query = new List<KeyValuePair<string, string>>
        {
            new("app_key", credential.AppKey),
            new("ids", externalOrderId),
            new("timestamp", TikTokRequestSigner.Timestamp(_timeProvider.GetUtcNow())),
        };
        if (!string.IsNullOrEmpty(credential.ShopCipher))
        {
            query.Add(new("shop_cipher", credential.ShopCipher));
        }

        var absolutePath = new Uri(_httpClient.BaseAddress ?? new Uri("http://localhost/"), Path).AbsolutePath;
        query.Add(new("sign", TikTokRequestSigner.Sign(credential.AppSecret, absolutePath, query)));
        var queryString = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Path}?{queryString}");
        request.Headers.TryAddWithoutValidation("x-tts-access-token", credential.AccessToken);
        request.Headers.Accept.ParseAdd("application/json");

        var answer = await ChannelApiCall.SendAsync(
            _httpClient, request, Channel, Operation, externalOrderId, static (_, body) => ReadEnvelope(body).RequestId, _logger, cancellationToken);

        var envelope = ReadEnvelope(answer.Body);
        if (envelope.Code is not 0)
        {
            _logger.TikTokErrorCode(Operation, externalOrderId, envelope.Code ?? -1, envelope.RequestId);
            throw new ChannelApiException(
                Channel, Operation, HttpStatusCode.OK, envelope.RequestId,
                $"TikTok Shop {Operation} for order {externalOrderId} failed with code {envelope.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}" +
                $" '{envelope.Message}' (request id {envelope.RequestId ?? "none"}); TikTok answers HTTP 200 with a non-zero code when it refuses a call.");
        }

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
