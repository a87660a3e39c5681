using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Reads an Amazon order through the Selling Partner Orders API v0: <c>getOrder</c> then <c>getOrderItems</c>
/// (CHANNELS.md 2.7), with the Login with Amazon access token in <c>x-amz-access-token</c> (no SigV4 since 2023).
/// A real deployment needs a Restricted Data Token in that header for <c>ShippingAddress</c> and buyer fields:
/// with a plain access token Amazon omits them. Obtaining an RDT (Tokens API createRestrictedDataToken) is
/// not implemented; the configured token is sent as is. getOrderItems pages (<c>NextToken</c>) are not followed.
/// </summary>
public sealed class AmazonOrderReader : IChannelOrderReader
{
    private const string OrderOperation = "GET /orders/v0/orders/{orderId}";
    private const string ItemsOperation = "GET /orders/v0/orders/{orderId}/orderItems";

    private readonly HttpClient _httpClient;
    private readonly IChannelApiCredentialSource _credentials;
    private readonly ILogger<AmazonOrderReader> _logger;

    public AmazonOrderReader(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<AmazonOrderReader> logger)
    {
        _httpClient = httpClient;
        _credentials = credentials;
        _logger = logger;
    }

    public SalesChannel Channel => SalesChannel.Amazon;

    public async Task<ChannelOrderDocument> ReadOrderAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalOrderId);
        var token = _credentials.Get(account).AccessToken;
        var orderPath = $"orders/v0/orders/{Uri.EscapeDataString(externalOrderId)}";

        var order = await GetAsync(orderPath, token, OrderOperation, externalOrderId, cancellationToken);
        var items = await GetAsync($"{orderPath}/orderItems", token, ItemsOperation, externalOrderId, cancellationToken);
        _logger.OrderRead(Channel, externalOrderId, account.BrandId, account.AccountId);

        return new ChannelOrderDocument(Channel, externalOrderId, new Dictionary<string, string>
        {
            [ChannelOrderDocument.AmazonOrder] = order.Body,
            [ChannelOrderDocument.AmazonOrderItems] = items.Body,
        });
    }

    private async Task<ChannelApiAnswer> GetAsync(string path, string token, string operation, string externalOrderId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("x-amz-access-token", token);
        request.Headers.Accept.ParseAdd("application/json");
        return await ChannelApiCall.SendAsync(
            _httpClient, request, Channel, operation, externalOrderId,
            static (response, _) => response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null,
            _logger, cancellationToken);
    }
}
