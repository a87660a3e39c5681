using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// A token endpoint refused the account's grant for good (<c>invalid_grant</c>: the refresh token was revoked, expired
/// or replaced; Walmart: the client id and secret were). Only the seller can mend it, by authorising again.
/// <see cref="ChannelTokenService"/> turns it into the account's "needs re-authorisation" and one alert.
/// </summary>
public sealed class TokenGrantRevokedException : Exception
{
    public TokenGrantRevokedException(SalesChannel channel, string reason)
        : base($"{channel} refused the account's authorisation: {reason}")
    {
        Channel = channel;
        Reason = reason;
    }

    public TokenGrantRevokedException()
    {
    }

    public TokenGrantRevokedException(string message)
        : base(message)
    {
    }

    public TokenGrantRevokedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SalesChannel Channel { get; }

    /// <summary>The channel's error code and description; never a token.</summary>
    public string Reason { get; } = string.Empty;
}
