using System.Net;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Sends one push through the client's resilience pipeline and turns what is left after the retries into the channel
/// API exceptions: still 408/429/5xx, a timeout or no connection → <see cref="ChannelApiUnavailableException"/>; any
/// other non-2xx → <see cref="ChannelApiException"/>. Messages name the channel, operation and listing, never a query
/// string (TikTok's carries the sign) or a header value.
/// </summary>
internal static class PushCall
{
    private const int MaxDetailLength = 200;

    public static async Task<(string Body, string? RequestId)> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        SalesChannel channel,
        string operation,
        string listing,
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
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException or OperationCanceledException or BrokenCircuitException)
        {
            var reason = ex switch
            {
                HttpRequestException => $"no answer ({ex.Message})",
                BrokenCircuitException => "not called, the account's circuit is open",
                _ => "timed out",
            };
            logger.CallFailed(channel, operation, listing, reason, null);
            throw new ChannelApiUnavailableException(channel, operation, null, null, $"{channel} {operation} for listing {listing}: {reason} after every retry.", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var requestId = requestIdOf(response, body);
            var status = response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (body, requestId);
            }

            var described = $"{channel} {operation} for listing {listing} answered {(int)status} {status} (request id {requestId ?? "none"})";
            logger.CallFailed(channel, operation, listing, $"{(int)status} {status}", requestId);
            if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500)
            {
                throw new ChannelApiUnavailableException(channel, operation, status, requestId, $"{described} after every retry. {Detail(body)}");
            }

            throw new ChannelApiException(channel, operation, status, requestId, $"{described}; not retried. {Detail(body)}");
        }
    }

    public static string Detail(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "Empty body.";
        }

        var oneLine = body.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MaxDetailLength ? $"Body: {oneLine}" : $"Body starts: {oneLine[..MaxDetailLength]}...";
    }
}
