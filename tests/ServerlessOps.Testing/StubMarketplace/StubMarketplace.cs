using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// A real HTTP server on 127.0.0.1 (free port) that answers the three order APIs ServerlessOps re-reads
/// orders from, out of an in-memory catalogue: Amazon SP-API Orders v0 getOrder/getOrderItems, Walmart
/// <c>GET /v3/orders/{id}</c> and TikTok Shop Get Order Detail and Search Returns. It checks the credentials the way the channel
/// would (TikTok: recomputes <c>sign</c>) and answers 401 when they are wrong, can be told to fail the next
/// calls (throttling, outages), and counts requests per channel. Documents are served exactly as put, so put
/// whole response bodies (Amazon and Walmart) or a Get Order Detail response or single order (TikTok).
/// Usable from xunit, a console (quick start) or the benchmarks alike.
/// </summary>
public sealed partial class StubMarketplace : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Order, IReadOnlyList<string> ItemPages)> _amazon = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _walmart = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tiktok = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tiktokReturns = new(StringComparer.Ordinal);
    private readonly StubFaults _faults = new();
    private readonly StubRequestLog _requests = new();
    private volatile string? _amazonToken;
    private volatile string? _walmartToken;
    private volatile TikTokExpectation? _tiktokExpectation;

    private StubMarketplace(WebApplication app)
    {
        _app = app;
        BaseUrl = new Uri("http://127.0.0.1/");
    }

    /// <summary>Root of all three APIs, e.g. <c>http://127.0.0.1:41234/</c>; use it as every channel's base URL.</summary>
    public Uri BaseUrl { get; private set; }

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<StubMarketplace> StartAsync(CancellationToken cancellationToken = default)
    {
        // The empty builder reads no appsettings.json or environment: a host app's Kestrel or URL settings
        // in the same output folder (the benchmarks reference the function app) cannot move the stub.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(StubMarketplace).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();

        var app = builder.Build();
        var stub = new StubMarketplace(app);
        stub.MapAmazon(app);
        stub.MapWalmart(app);
        stub.MapTikTok(app);
        stub.MapOrderSearch(app);
        stub.MapAuth(app);
        stub.MapTokens(app);
        stub.MapPrices(app);
        stub.MapInventoryPush(app);
        stub.MapListingReads(app);
        stub.MapSettlements(app);
        app.MapFallback((HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync($"The stub marketplace has no API at {context.Request.Path}.", context.RequestAborted);
        });

        await app.StartAsync(cancellationToken);
        var address = app.Urls.FirstOrDefault()
            ?? throw new InvalidOperationException("The stub marketplace started but reported no listening address.");
        stub.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return stub;
    }

    /// <summary>Serves <paramref name="orderJson"/> for getOrder and <paramref name="orderItemsJson"/> for getOrderItems (whole bodies, <c>{"payload":...}</c>).</summary>
    public void PutAmazonOrder(string orderId, string orderJson, string orderItemsJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderItemsJson);
        _amazon[orderId] = (orderJson, [orderItemsJson]);
    }

    /// <summary>
    /// Serves getOrderItems in pages: the first without a <c>NextToken</c> query, each next one for the
    /// <c>payload.NextToken</c> the page before it carries (put those tokens into the pages yourself).
    /// </summary>
    public void PutAmazonOrderItemPages(string orderId, string orderJson, IReadOnlyList<string> orderItemsPages)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderJson);
        ArgumentNullException.ThrowIfNull(orderItemsPages);
        ArgumentOutOfRangeException.ThrowIfZero(orderItemsPages.Count);
        _amazon[orderId] = (orderJson, orderItemsPages.ToArray());
    }

    /// <summary>Serves <paramref name="json"/> (a whole <c>{"order":...}</c> body) for GET /v3/orders/{purchaseOrderId}.</summary>
    public void PutWalmartOrder(string purchaseOrderId, string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purchaseOrderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        _walmart[purchaseOrderId] = json;
    }

    /// <summary>
    /// Serves the order in Get Order Detail. <paramref name="orderDetailJson"/> is a whole response
    /// (<c>{"code":0,...,"data":{"orders":[...]}}</c>, served verbatim when only this order is asked for) or one order object.
    /// </summary>
    public void PutTikTokOrder(string orderId, string orderDetailJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderDetailJson);
        _tiktok[orderId] = orderDetailJson;
    }

    /// <summary>
    /// Puts a document in the shape the order readers return (parts named as in <see cref="ChannelOrderDocument"/>); a
    /// TikTok document's <c>returns</c> part, when it has one, is served by Search Returns.
    /// </summary>
    public void Put(ChannelOrderDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        switch (document.Channel)
        {
            case SalesChannel.Amazon:
                PutAmazonOrder(document.ExternalOrderId, document.Part(ChannelOrderDocument.AmazonOrder), document.Part(ChannelOrderDocument.AmazonOrderItems));
                break;
            case SalesChannel.Walmart:
                PutWalmartOrder(document.ExternalOrderId, document.Part(ChannelOrderDocument.WalmartOrder));
                break;
            case SalesChannel.TikTokShop:
                PutTikTokOrder(document.ExternalOrderId, document.Part(ChannelOrderDocument.TikTokOrderDetail));
                if (document.OptionalPart(ChannelOrderDocument.TikTokReturns) is { } returns)
                {
                    var list = System.Text.Json.Nodes.JsonNode.Parse(returns)?["data"]?["return_orders"] as System.Text.Json.Nodes.JsonArray ?? [];
                    PutTikTokReturns(document.ExternalOrderId, [.. list.Select(r => r!.AsObject())]);
                }

                break;
            default:
                throw new ArgumentException($"The stub marketplace has no order API for {document.Channel}.", nameof(document));
        }
    }

    /// <summary>Only this <c>x-amz-access-token</c> is accepted (until then any non-empty one is).</summary>
    public void ExpectAmazonToken(string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        _amazonToken = accessToken;
    }

    /// <summary>Only this <c>WM_SEC.ACCESS_TOKEN</c> is accepted (until then any non-empty one is).</summary>
    public void ExpectWalmartToken(string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        _walmartToken = accessToken;
    }

    /// <summary>Only this app key and access token, and a <c>sign</c> made with this secret, are accepted (until then no sign is checked).</summary>
    public void ExpectTikTok(string appKey, string appSecret, string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(appSecret);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        _tiktokExpectation = new TikTokExpectation(appKey, appSecret, accessToken);
    }

    /// <summary>
    /// The next <paramref name="count"/> calls to <paramref name="channel"/>'s API answer <paramref name="statusCode"/>
    /// with the channel's error body, before any credential check; with <c>Retry-After</c> (whole seconds) when given.
    /// </summary>
    /// <param name="retryAfterAsHttpDate">Send Retry-After as an HTTP date (now + <paramref name="retryAfter"/>) instead of seconds.</param>
    public void FailNext(SalesChannel channel, int count, int statusCode, TimeSpan? retryAfter = null, bool retryAfterAsHttpDate = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        _faults.Add(channel, count, new StubFault(statusCode, retryAfter, null, null) { RetryAfterAsHttpDate = retryAfterAsHttpDate });
    }

    /// <summary>
    /// Every call to <paramref name="channel"/>'s API answers <paramref name="statusCode"/> (with <c>Retry-After</c> when
    /// given) for <paramref name="duration"/> from now, after any <see cref="FailNext"/> faults queued: a channel down or
    /// throttling for a while, whatever the caller's retries do in that time.
    /// </summary>
    public void FailFor(SalesChannel channel, TimeSpan duration, int statusCode, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        _faults.AddUntil(channel, DateTimeOffset.UtcNow + duration, new StubFault(statusCode, retryAfter, null, null));
    }

    /// <summary>Ends a <see cref="FailFor"/> outage of <paramref name="channel"/> now: the channel has recovered.</summary>
    public void Recover(SalesChannel channel) => _faults.EndLasting(channel);

    /// <summary>
    /// The next <paramref name="count"/> calls to <paramref name="channel"/>'s API wait <paramref name="delay"/> (or until the
    /// caller gives up) before being answered normally: a slow or hung channel, for timeout handling.
    /// </summary>
    public void StallNext(SalesChannel channel, int count, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        _faults.Add(channel, count, new StubFault(0, null, null, null) { Stall = delay });
    }

    /// <summary>The next <paramref name="count"/> TikTok calls answer HTTP 200 with this non-zero <c>code</c>, as TikTok does when it refuses.</summary>
    public void FailNextTikTokWithCode(long code, string message, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfZero(code);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _faults.Add(SalesChannel.TikTokShop, count, new StubFault(StatusCodes.Status200OK, null, code, message));
    }

    /// <summary>
    /// The next <paramref name="count"/> calls to <paramref name="channel"/>'s API refuse the access token they carry the
    /// way that channel does, before any credential check (the token itself stays good, as when a channel drops a token it
    /// issued): Amazon 403 <c>Unauthorized</c> "The access token you provided has expired." (its order API), TikTok Shop HTTP
    /// 200 with code 105002, Shopify and Walmart 401.
    /// </summary>
    public void RefuseNextToken(SalesChannel channel, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _faults.Add(channel, count, channel switch
        {
            SalesChannel.Amazon => new StubFault(StatusCodes.Status403Forbidden, null, null, null)
            {
                AmazonError = ("Unauthorized", "The access token you provided has expired."),
            },
            SalesChannel.TikTokShop => new StubFault(StatusCodes.Status200OK, null, TikTokCodeInvalidCredentials, "access token is expired, please refresh it"),
            _ => new StubFault(StatusCodes.Status401Unauthorized, null, null, null),
        });
    }

    /// <summary>
    /// The next <paramref name="count"/> calls to Amazon's order API answer 403 <c>Unauthorized</c> with empty details, as
    /// SP-API refuses a call the app's roles or the seller's authorisation do not cover: a new token does not help.
    /// </summary>
    public void RefuseNextAmazonCallForMissingRole(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _faults.Add(SalesChannel.Amazon, count, new StubFault(StatusCodes.Status403Forbidden, null, null, null) { AmazonError = ("Unauthorized", string.Empty) });
    }

    /// <summary>Calls received for the channel's API, including refused and failed ones.</summary>
    public int RequestCount(SalesChannel channel) => _requests.Count(channel);

    /// <summary>The calls received for the channel's API, oldest first, with what was answered.</summary>
    public IReadOnlyList<StubRequest> Requests(SalesChannel channel) => _requests.For(channel);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>
    /// Takes the channel's next injected failure. A stall is served here: it waits (until the delay passes or the
    /// caller hangs up, recorded as <c>stalled</c>) and then reports no failure, so the call is answered normally.
    /// </summary>
    private async Task<StubFault?> NextFaultAsync(HttpContext context, SalesChannel channel, DateTimeOffset receivedAt)
    {
        if (!_faults.TryTake(channel, out var fault))
        {
            return null;
        }

        if (fault.Stall is not { } stall)
        {
            return fault;
        }

        try
        {
            await Task.Delay(stall, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            _requests.Add(new StubRequest(channel, context.Request.Method, context.Request.Path.Value ?? "/", receivedAt, 0, "stalled; the caller hung up"));
            throw;
        }

        return null;
    }

    private static string NewRequestId() => Guid.NewGuid().ToString();

    private sealed record TikTokExpectation(string AppKey, string AppSecret, string AccessToken);
}
