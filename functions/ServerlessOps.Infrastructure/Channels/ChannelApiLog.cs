using System.Net;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>Outbound channel API events, ids 4100-4199. Never a token, a sign or a response body.</summary>
internal static partial class ChannelApiLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug,
        Message = "Read {Channel} order {ExternalOrderId} for brand {BrandId} (account {AccountId})")]
    internal static partial void OrderRead(this ILogger logger, SalesChannel channel, string externalOrderId, string brandId, string accountId);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "{Channel} API call {Path} failed ({Outcome}); retry {Attempt} in {DelayMilliseconds} ms")]
    internal static partial void Retrying(this ILogger logger, SalesChannel channel, string path, string outcome, int attempt, long delayMilliseconds);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "{Channel} {Operation} for order {ExternalOrderId} refused with {StatusCode} (request id {RequestId})")]
    internal static partial void Refused(this ILogger logger, SalesChannel channel, string operation, string externalOrderId, HttpStatusCode statusCode, string? requestId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "{Channel} {Operation} for order {ExternalOrderId} unavailable after retries: {Reason} (request id {RequestId})")]
    internal static partial void Unavailable(this ILogger logger, SalesChannel channel, string operation, string externalOrderId, string reason, string? requestId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information,
        Message = "{Channel} {Operation}: order {ExternalOrderId} not found (request id {RequestId})")]
    internal static partial void NotFound(this ILogger logger, SalesChannel channel, string operation, string externalOrderId, string? requestId);

    [LoggerMessage(EventId = 4521, Level = LogLevel.Debug,
        Message = "Read {Channel} returns of order {ExternalOrderId} for brand {BrandId} (account {AccountId})")]
    internal static partial void ReturnsRead(this ILogger logger, SalesChannel channel, string externalOrderId, string brandId, string accountId);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning,
        Message = "TikTok Shop {Operation} for order {ExternalOrderId} answered code {Code} (request id {RequestId})")]
    internal static partial void TikTokErrorCode(this ILogger logger, string operation, string externalOrderId, long code, string? requestId);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning,
        Message = "{Channel} circuit of {Circuit} opened after {Outcome}: calls fail at once, without reaching the channel, for {BreakSeconds} s")]
    internal static partial void CircuitOpened(this ILogger logger, SalesChannel channel, string circuit, string outcome, int breakSeconds);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information,
        Message = "{Channel} circuit of {Circuit} half open: the next call probes the channel")]
    internal static partial void CircuitProbing(this ILogger logger, SalesChannel channel, string circuit);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Information,
        Message = "{Channel} circuit of {Circuit} closed: the channel answered, calls go through again")]
    internal static partial void CircuitClosed(this ILogger logger, SalesChannel channel, string circuit);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning,
        Message = "{Channel} refused the access token of account {AccountId} on {Path} ({Refusal}); sending the call again once with a renewed token")]
    internal static partial void TokenRefusedSentAgain(this ILogger logger, SalesChannel channel, string accountId, string path, string refusal);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information,
        Message = "Acknowledged {Channel} order {ExternalOrderId} for brand {BrandId} (account {AccountId})")]
    internal static partial void OrderAcknowledged(this ILogger logger, SalesChannel channel, string externalOrderId, string brandId, string accountId);
}
