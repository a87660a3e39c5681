namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>An access token for one channel account's outbound calls and when it expires. Never printed.</summary>
/// <param name="Value">The token, sent as the channel's auth header (<c>x-amz-access-token</c>, <c>WM_SEC.ACCESS_TOKEN</c>, ...).</param>
/// <param name="ExpiresAt">When the channel said it lapses.</param>
public sealed record ChannelAccessToken(string Value, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"ChannelAccessToken {{ Value = ***, ExpiresAt = {ExpiresAt:O} }}";
}
