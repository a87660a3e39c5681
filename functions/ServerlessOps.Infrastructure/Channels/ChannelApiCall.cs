using System.Net;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>One answered call: the body and the channel's request id for it.</summary>
internal sealed record ChannelApiAnswer(string Body, string? RequestId);

/// <summary>
/// Sends one request through the client's resilience pipeline and turns what is left after the retries into
/// our outcomes: a 2xx body, <see cref="ChannelOrderNotFoundException"/> (404),
/// <see cref="ChannelApiUnavailableException"/> (still 408/429/5xx, a timeout, no connection, or the account's circuit open) or
/// <see cref="ChannelApiException"/> (any other status). Messages name the operation, never the query string
/// (TikTok's carries the app key and sign) or a header value.
/// </summary>
internal static class ChannelApiCall
{
    private const int MaxDetailLength = 200;

    public static async Task<ChannelApiAnswer> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        SalesChannel channel,
        string operation,
        string externalOrderId,
        Func<HttpResponseMessage, string, string?> requestIdOf,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException ex)
        {
            logger.Unavailable(channel, operation, externalOrderId, "circuit open", null);
            throw new ChannelApiUnavailableException(
                channel, operation, null, null,
                $"{channel} {operation} for order {externalOrderId}: not called, the account's circuit is open after persistent failures (retry after {ex.RetryAfter?.TotalSeconds ?? 0:F0} s).",
                ex);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException or OperationCanceledException)
        {
            var reason = ex is HttpRequestException ? $"no answer ({ex.Message})" : "timed out";
            logger.Unavailable(channel, operation, externalOrderId, reason, null);
            throw new ChannelApiUnavailableException(
                channel, operation, null, null,
                $"{channel} {operation} for order {externalOrderId}: {reason} after every retry. The channel is unreachable; retry later.",
                ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var requestId = requestIdOf(response, body);
            var status = response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new ChannelApiAnswer(body, requestId);
            }

            var described = $"{channel} {operation} for order {externalOrderId} answered {(int)status} {status} (request id {requestId ?? "none"})";
            if (status == HttpStatusCode.NotFound)
            {
                logger.NotFound(channel, operation, externalOrderId, requestId);
                throw new ChannelOrderNotFoundException(channel, operation, externalOrderId, status, requestId, $"{described}: the channel does not know this order.");
            }

            if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500)
            {
                logger.Unavailable(channel, operation, externalOrderId, $"{(int)status} {status}", requestId);
                throw new ChannelApiUnavailableException(channel, operation, status, requestId, $"{described} after every retry; retry later. {Detail(body)}");
            }

            logger.Refused(channel, operation, externalOrderId, status, requestId);
            throw new ChannelApiException(channel, operation, status, requestId, $"{described}; not retried (a {(int)status} will not change by itself). {Detail(body)}");
        }
    }

    /// <summary>The start of an error body, on one line: channels explain refusals there (Amazon errors[], TikTok message).</summary>
    private static string Detail(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "Empty body.";
        }

        var oneLine = body.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MaxDetailLength ? $"Body: {oneLine}" : $"Body starts: {oneLine[..MaxDetailLength]}...";
    }
}
