namespace ServerlessOps.Infrastructure.Channels;

/// <summary>A channel account has no usable outbound credential; the message names the missing setting, never a value.</summary>
public sealed class ChannelApiCredentialMissingException : InvalidOperationException
{
    public ChannelApiCredentialMissingException()
    {
    }

    public ChannelApiCredentialMissingException(string message)
        : base(message)
    {
    }

    public ChannelApiCredentialMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
