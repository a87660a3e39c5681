using System.Net;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// The channel API stayed throttled (429), failing (5xx) or silent (timeout) through every retry. Transient:
/// the caller should give the work back to its queue and try later.
/// </summary>
public sealed class ChannelApiUnavailableException : ChannelApiException
{
    public ChannelApiUnavailableException(SalesChannel channel, string operation, HttpStatusCode? statusCode, string? requestId, string message, Exception? innerException = null)
        : base(channel, operation, statusCode, requestId, message, innerException)
    {
    }

    public ChannelApiUnavailableException()
    {
    }

    public ChannelApiUnavailableException(string message)
        : base(message)
    {
    }

    public ChannelApiUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
