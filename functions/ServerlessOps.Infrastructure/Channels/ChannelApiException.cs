using System.Net;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// A channel API refused a call permanently (a 4xx other than 404 and 429, or a TikTok error code): retrying
/// the same call will not help. The message names the channel, the operation, the status and the channel's
/// request id, never a token. <see cref="ChannelApiUnavailableException"/> and
/// <see cref="ChannelOrderNotFoundException"/> derive from it; catch those first.
/// </summary>
public class ChannelApiException : Exception
{
    public ChannelApiException(SalesChannel channel, string operation, HttpStatusCode? statusCode, string? requestId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Channel = channel;
        Operation = operation;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    public ChannelApiException()
    {
    }

    public ChannelApiException(string message)
        : base(message)
    {
    }

    public ChannelApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SalesChannel Channel { get; }

    /// <summary>What was called, e.g. <c>GET /v3/orders/{id}</c> (no query string: TikTok's carries the app key).</summary>
    public string Operation { get; } = string.Empty;

    /// <summary>The HTTP status, or null when no answer came (timeout, connection failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The channel's id for the call (Amazon x-amzn-RequestId, Walmart WM_QOS.CORRELATION_ID, TikTok request_id).</summary>
    public string? RequestId { get; }
}
