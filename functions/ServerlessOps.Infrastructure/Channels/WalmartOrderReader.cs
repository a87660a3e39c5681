using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Reads a Walmart purchase order: <c>GET /v3/orders/{purchaseOrderId}</c> (CHANNELS.md 3.5) with
/// <c>WM_SEC.ACCESS_TOKEN</c>, a fresh <c>WM_QOS.CORRELATION_ID</c> per read (it is also the request id in our
/// errors, Walmart's support asks for it) and <c>WM_SVC.NAME</c>. The access token comes from the credential source:
/// in the app, the token service's client-credentials exchange (<c>POST /v3/token</c>, 15-minute tokens).
/// </summary>
public sealed class WalmartOrderReader : IChannelOrderReader
{
    private const string Operation = "GET /v3/orders/{purchaseOrderId}";
    private const string CorrelationHeader = "WM_QOS.CORRELATION_ID";

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
        var correlationId = Guid.NewGuid().ToString();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"v3/orders/{Uri.EscapeDataString(externalOrderId)}");
        request.Headers.TryAddWithoutValidation("WM_SEC.ACCESS_TOKEN", token);
        request.Headers.TryAddWithoutValidation(CorrelationHeader, correlationId);
        request.Headers.TryAddWithoutValidation("WM_SVC.NAME", "Walmart Marketplace");
        request.Headers.Accept.ParseAdd("application/json");

        var answer = await ChannelApiCall.SendAsync(
            _httpClient, request, Channel, Operation, externalOrderId,
            (response, _) => response.Headers.TryGetValues(CorrelationHeader, out var ids) ? ids.FirstOrDefault() ?? correlationId : correlationId,
            _logger, cancellationToken);
        _logger.OrderRead(Channel, externalOrderId, account.BrandId, account.AccountId);

        return new ChannelOrderDocument(Channel, externalOrderId, new Dictionary<string, string>
        {
            [ChannelOrderDocument.WalmartOrder] = answer.Body,
        });
    }
}
