namespace ServerlessOps.Domain.Channels;

/// <summary>
/// An authenticated payload that cannot be normalised: a missing or mistyped field, an unknown value.
/// The message names the field (JSON path) and what was expected; the delivery is quarantined with it.
/// </summary>
public sealed class ChannelPayloadException : Exception
{
    public ChannelPayloadException(string message)
        : base(message)
    {
    }

    public ChannelPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ChannelPayloadException()
    {
    }
}
