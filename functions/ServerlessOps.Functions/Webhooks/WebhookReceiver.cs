using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Webhooks;

/// <summary>
/// The webhook edge shared by all channels: bound the body, identify the account, authenticate over the
/// raw bytes, read the envelope, store the raw delivery (in one of the edge's bounded write turns,
/// <see cref="EdgeWriteGate"/>, group-committed with concurrent ones into a bundle by <see cref="DeliveryBundler"/>),
/// and acknowledge once it is durable; or once it is queued too when <see cref="IngestionOptions.AcknowledgeAfter"/>
/// says <see cref="AcknowledgementPoint.Queued"/>. Nothing here parses the order, so the channel's deadline (5 s for
/// Shopify and EventBridge) is met by one blob upload shared with other webhooks. Whether a delivery repeats an
/// earlier one is decided when processing spreads the bundle, so every stored delivery is answered "accepted".
/// </summary>
public sealed class WebhookReceiver
{
    /// <summary>
    /// Longest path and query string a delivery may arrive on. A channel calls a short fixed route; the path is stored in
    /// the raw blob's metadata, whose 8 KiB Azure Storage enforces only after the delivery would have been acknowledged.
    /// </summary>
    internal const int MaxPathAndQueryLength = 2048;

    private readonly IBrandDirectorySource _brands;
    private readonly RawDeliveryStore _raw;
    private readonly EdgeWriteGate _gate;
    private readonly DeliveryBundler _bundler;
    private readonly DeliveryRecorder _recorder;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookReceiver> _logger;

    public WebhookReceiver(
        IBrandDirectorySource brands,
        [FromKeyedServices(StorageProfile.Edge)] RawDeliveryStore raw,
        EdgeWriteGate gate,
        DeliveryBundler bundler,
        DeliveryRecorder recorder,
        IOptions<IngestionOptions> options,
        TimeProvider time,
        ILogger<WebhookReceiver> logger)
    {
        _brands = brands;
        _raw = raw;
        _gate = gate;
        _bundler = bundler;
        _recorder = recorder;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<IResult> ReceiveAsync(HttpRequest http, SalesChannel channel, CancellationToken cancellationToken)
    {
        if (RejectContentType(http, channel) is { } contentTypeProblem)
        {
            return contentTypeProblem;
        }

        var pathAndQuery = http.Path + http.QueryString;
        if (pathAndQuery.Length > MaxPathAndQueryLength)
        {
            return Problems.Result(
                Problems.MalformedDelivery,
                $"The path and query string are {pathAndQuery.Length:N0} characters long; at most {MaxPathAndQueryLength:N0} are accepted.");
        }

        var body = await WebhookBodyReader.ReadAsync(http, _options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.Result(Problems.BodyTooLarge, $"{channel} deliveries are limited to {_options.MaxBodyBytes} bytes; this one is larger.");
        }

        if (body.Length == 0)
        {
            return Problems.Result(Problems.MalformedDelivery, $"The {channel} delivery has an empty body; a JSON object was expected.");
        }

        var headers = WebhookHeaders.All(http);
        var request = new WebhookRequest(http.Method.ToUpperInvariant(), pathAndQuery, headers, body) { ReceivedAt = _time.GetUtcNow() };
        var adapter = WebhookChannels.For(channel);

        var account = adapter.LocateAccount(request);
        if (!account.IsSuccess)
        {
            return Reject(channel, account.Rejection);
        }

        if (!_brands.Current.TryResolve(channel, account.Value, out var registration))
        {
            // The account comes from the request before anyone is authenticated: one log line, whatever it holds.
            _logger.UnknownAccount(channel, LogSafeText.WithoutQuotedValues(account.Value));
            return Problems.Result(Problems.UnknownAccount, $"{channel} account '{account.Value}' is not registered to any brand.");
        }

        if (!registration.AcceptsWebhooks)
        {
            var why = registration.Status == ChannelAccountStatus.Disconnected ? "disconnected" : $"{registration.Status} without a webhook secret";
            _logger.AccountNotAccepting(channel, registration.Account.BrandId, account.Value, why);
            return Problems.Result(Problems.AccountDisconnected, $"{channel} account '{account.Value}' is {why} in the brand registry; its deliveries are refused.");
        }

        if (!adapter.Authenticate(request, registration.Credentials))
        {
            _logger.AuthenticationFailed(channel, registration.Account.BrandId, account.Value);
            return Problems.Result(Problems.Unauthenticated, $"The {channel} signature or credential is missing or does not match account '{account.Value}'.");
        }

        if (IsOutsideSignedTimestampWindow(channel, request, _time.GetUtcNow(), _options.SignedTimestampWindow))
        {
            return Problems.Result(Problems.StaleSignature, $"WM_SEC.TIMESTAMP is more than {_options.SignedTimestampWindow.TotalMinutes} minutes away from our clock.");
        }

        var stored = WebhookHeaders.ForStorage(headers, channel, registration.Credentials);
        var envelope = ReadEnvelope(adapter, request);
        if (!envelope.IsSuccess)
        {
            await KeepRejectedAsync(registration.Account, request, stored, envelope.Rejection, cancellationToken);
            return Reject(channel, envelope.Rejection);
        }

        var delivery = ToDelivery(registration.Account, envelope.Value, request, stored, _time.GetUtcNow());
        var untilQueued = _options.AcknowledgeAfter == AcknowledgementPoint.Queued;
        await _gate.RunAsync(token => _bundler.StoreAsync(delivery, untilQueued, token), cancellationToken);
        _logger.DeliveryAccepted(delivery.DeliveryKey, delivery.BrandId, channel, delivery.DeliveryId, delivery.Topic);
        return TypedResults.Ok(new WebhookAcknowledgement(delivery.DeliveryKey, "accepted"));
    }

    /// <summary>A replayed request: the channel signs a timestamp (Walmart's <c>WM_SEC.TIMESTAMP</c>) and it lies outside the window.</summary>
    internal static bool IsOutsideSignedTimestampWindow(SalesChannel channel, WebhookRequest request, DateTimeOffset now, TimeSpan window) =>
        channel == SalesChannel.Walmart && !WalmartWebhookChannel.IsWithinReplayWindow(request, now, window);

    /// <summary>The delivery's envelope as the edge accepts it: read by the channel's adapter, every field within bounds.</summary>
    internal static ChannelResult<DeliveryEnvelope> ReadEnvelope(IWebhookChannel adapter, WebhookRequest request)
    {
        var envelope = adapter.ReadEnvelope(request);
        return envelope.IsSuccess && envelope.Value.DescribeOversizedField() is { } oversized
            ? ChannelResult<DeliveryEnvelope>.Fail(RejectionKind.Malformed, oversized)
            : envelope;
    }

    /// <summary>The raw delivery an authenticated, readable request is stored as.</summary>
    internal static RawDelivery ToDelivery(
        ChannelAccount account, DeliveryEnvelope envelope, WebhookRequest request, Dictionary<string, string> stored, DateTimeOffset receivedAt) =>
        new RawDelivery(
            DeliveryKey.For(account.Channel, account.AccountId, envelope.DeliveryId),
            account.BrandId,
            account.Channel,
            account.AccountId,
            envelope.DeliveryId,
            envelope.Topic,
            envelope.EventId,
            receivedAt,
            request.PathAndQuery,
            stored,
            request.Body).WithStorableHeaders();

    private static IResult? RejectContentType(HttpRequest http, SalesChannel channel)
    {
        // TikTok Shop does not document the content type it sends, so a missing one is tolerated everywhere;
        // a present one must be JSON.
        var contentType = http.ContentType;
        if (string.IsNullOrEmpty(contentType) || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("text/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Problems.Result(Problems.UnsupportedMediaType, $"{channel} deliveries must be 'application/json'; received '{contentType}'.");
    }

    private IResult Reject(SalesChannel channel, WebhookRejection rejection)
    {
        // The detail quotes what the channel sent (a topic, a header, a field), which may be anything: the answer names it,
        // the log keeps only the kind and the expectation.
        _logger.DeliveryRejected(channel, rejection.Kind, LogSafeText.WithoutQuotedValues(rejection.Detail));
        var type = rejection.Kind switch
        {
            RejectionKind.Unauthenticated => Problems.Unauthenticated,
            RejectionKind.UnknownAccount => Problems.UnknownAccount,
            RejectionKind.UnsupportedTopic => Problems.UnsupportedTopic,
            _ => Problems.MalformedDelivery,
        };
        return Problems.Result(type, rejection.Detail);
    }

    /// <summary>
    /// An authentic delivery we cannot read is still kept: stored under a key derived from its body and
    /// quarantined with the reason, so it can be inspected and replayed once the adapter is fixed. It is labelled with
    /// its topic when the adapter could read one (a well-formed delivery of a topic we do not handle), so the
    /// quarantine says what it is; "(unreadable)" only when there is none.
    /// The quarantine entry goes through the recorder's patient background clients: a rare path, where
    /// keeping the delivery matters more than answering the channel fast.
    /// </summary>
    private async Task KeepRejectedAsync(
        ChannelAccount account,
        WebhookRequest request,
        Dictionary<string, string> headers,
        WebhookRejection rejection,
        CancellationToken cancellationToken)
    {
        var bodyHash = "body-sha256-" + Convert.ToHexStringLower(SHA256.HashData(request.Body.Span));
        var delivery = new RawDelivery(
            DeliveryKey.For(account.Channel, account.AccountId, bodyHash),
            account.BrandId,
            account.Channel,
            account.AccountId,
            bodyHash,
            TopicLabel(rejection.Topic),
            null,
            _time.GetUtcNow(),
            request.PathAndQuery,
            headers,
            request.Body,
            RawDeliveryState.Received,
            rejection.Detail).WithStorableHeaders();
        var created = await _gate.RunAsync(token => _raw.TryCreateAsync(delivery, token), cancellationToken);
        if (created.Created)
        {
            await _recorder.QuarantineAsync(delivery, rejection.Detail, cancellationToken);
        }
    }

    /// <summary>A rejected delivery's topic as its quarantine names it: cut to what an accepted envelope may carry.</summary>
    private static string TopicLabel(string? topic) =>
        topic is null ? "(unreadable)"
        : topic.Length <= DeliveryEnvelope.MaxFieldLength ? topic
        : topic[..DeliveryEnvelope.MaxFieldLength];
}
