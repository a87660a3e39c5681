using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Reads an Amazon order through the Selling Partner Orders API v0: <c>getOrder</c> then <c>getOrderItems</c>
/// (CHANNELS.md 2.7), with the Login with Amazon access token in <c>x-amz-access-token</c> (no SigV4 since 2023).
/// A real deployment needs a Restricted Data Token in that header for <c>ShippingAddress</c> and buyer fields:
/// with a plain access token Amazon omits them. Obtaining an RDT (Tokens API createRestrictedDataToken) is
/// not implemented; the LWA access token is sent as is. getOrderItems pages are followed (<c>NextToken</c>) and
/// merged into one body, the first page's with every page's <c>OrderItems</c> and no <c>NextToken</c>.
/// </summary>
public sealed class AmazonOrderReader : IChannelOrderReader
{
    private const string OrderOperation = "GET /orders/v0/orders/{orderId}";
    private const string ItemsOperation = "GET /orders/v0/orders/{orderId}/orderItems";

    /// <summary>Guards against a token loop; at Amazon's page size no real order comes near it.</summary>
    private const int MaxItemPages = 50;

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
        var token = (await _credentials.GetAsync(account, cancellationToken)).AccessToken;
        var orderPath = $"orders/v0/orders/{Uri.EscapeDataString(externalOrderId)}";

        var order = await GetAsync(orderPath, token, account.AccountId, OrderOperation, externalOrderId, cancellationToken);
        var items = await ReadItemsAsync($"{orderPath}/orderItems", token, account.AccountId, externalOrderId, cancellationToken);
        _logger.OrderRead(Channel, externalOrderId, account.BrandId, account.AccountId);

        return new ChannelOrderDocument(Channel, externalOrderId, new Dictionary<string, string>
        {
            [ChannelOrderDocument.AmazonOrder] = order.Body,
            [ChannelOrderDocument.AmazonOrderItems] = items,
        });
    }

    /// <summary>The getOrderItems body; a single page is returned byte for byte, several are merged.</summary>
    private async Task<string> ReadItemsAsync(string path, string token, string accountId, string externalOrderId, CancellationToken cancellationToken)
    {
        var first = await GetAsync(path, token, accountId, ItemsOperation, externalOrderId, cancellationToken);
        var nextToken = NextToken(first.Body, externalOrderId);
        if (nextToken is null)
        {
            return first.Body;
        }

        var merged = JsonNode.Parse(first.Body)!;
        var items = merged["payload"]?["OrderItems"] as JsonArray
            ?? throw new ChannelPayloadException($"Amazon getOrderItems for {externalOrderId}: payload.OrderItems is not an array.");
        for (var page = 2; nextToken is not null; page++)
        {
            if (page > MaxItemPages)
            {
                throw new ChannelPayloadException($"Amazon getOrderItems for {externalOrderId} still had a NextToken after {MaxItemPages} pages.");
            }

            var next = await GetAsync($"{path}?NextToken={Uri.EscapeDataString(nextToken)}", token, accountId, ItemsOperation, externalOrderId, cancellationToken);
            var body = JsonNode.Parse(next.Body);
            foreach (var item in (body?["payload"]?["OrderItems"] as JsonArray ?? []).ToArray())
            {
                items.Add(item!.DeepClone());
            }

            nextToken = NextToken(next.Body, externalOrderId);
        }

        merged["payload"]!.AsObject().Remove("NextToken");
        return merged.ToJsonString();
    }

    private static string? NextToken(string body, string externalOrderId)
    {
        try
        {
            return JsonNode.Parse(body)?["payload"]?["NextToken"] is JsonValue value && value.TryGetValue<string>(out var token) && token.Length > 0
                ? token
                : null;
        }
        catch (JsonException ex)
        {
            throw new ChannelPayloadException($"Amazon getOrderItems for {externalOrderId} answered a body that is not JSON.", ex);
        }
    }

    private async Task<ChannelApiAnswer> GetAsync(string path, string token, string accountId, string operation, string externalOrderId, CancellationToken cancellationToken)
    {
        using var request = AmazonRequest.Create(HttpMethod.Get, path, token, accountId);
        return await ChannelApiCall.SendAsync(_httpClient, request, Channel, operation, externalOrderId, AmazonRequest.RequestIdOf, _logger, cancellationToken);
    }
}
