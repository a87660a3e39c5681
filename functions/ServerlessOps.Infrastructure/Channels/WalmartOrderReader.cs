using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Reads a Walmart purchase order: <c>GET /v3/orders/{purchaseOrderId}</c> (CHANNELS.md 3.5), with Walmart's headers
/// (<see cref="WalmartRequest"/>). The access token comes from the credential source:
/// in the app, the token service's client-credentials exchange (<c>POST /v3/token</c>, 15-minute tokens).
/// </summary>
public sealed class WalmartOrderReader : IChannelOrderReader
{
    private const string Operation = "GET /v3/orders/{purchaseOrderId}";

    private readonly HttpClient _httpClient;
    private readonly IChannelApiCredentialSource _credentials;
    private readonly ILogger<WalmartOrderReader> _logger;

    public WalmartOrderReader(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<WalmartOrderReader> logger)
    {
        _httpClient = httpClient;
        _credentials = credentials;
        _logger = logger;
    }

    public SalesChannel Channel => SalesChannel.Walmart;

    public async Task<ChannelOrderDocument> ReadOrderAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalOrderId);
        var token = (await _credentials.GetAsync(account, cancellationToken)).AccessToken;
        var (request, requestIdOf) = WalmartRequest.Create(HttpMethod.Get, $"v3/orders/{Uri.EscapeDataString(externalOrderId)}", token, account.AccountId);
        using var _ = request;
        var answer = await ChannelApiCall.SendAsync(_httpClient, request, Channel, Operation, externalOrderId, requestIdOf, _logger, cancellationToken);
        _logger.OrderRead(Channel, externalOrderId, account.BrandId, account.AccountId);

        return new ChannelOrderDocument(Channel, externalOrderId, new Dictionary<string, string>
        {
            [ChannelOrderDocument.WalmartOrder] = answer.Body,
        });
    }
}
