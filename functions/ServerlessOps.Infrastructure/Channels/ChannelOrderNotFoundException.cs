using System.Net;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>The channel does not know the order: a 404, or (TikTok) an answer without it.</summary>
public sealed class ChannelOrderNotFoundException : ChannelApiException
{
    public ChannelOrderNotFoundException(SalesChannel channel, string operation, string externalOrderId, HttpStatusCode? statusCode, string? requestId, string message)
        : base(channel, operation, statusCode, requestId, message)
    {
        ExternalOrderId = externalOrderId;
    }

    public ChannelOrderNotFoundException()
    {
    }

    public ChannelOrderNotFoundException(string message)
        : base(message)
    {
    }

    public ChannelOrderNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string ExternalOrderId { get; } = string.Empty;
}
