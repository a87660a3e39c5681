namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>What a channel's token endpoint answered: a code exchange, a refresh or a client-credentials grant. Never printed.</summary>
/// <param name="AccessToken">The new access token.</param>
/// <param name="ExpiresAt">When it expires (from <c>expires_in</c>, or TikTok's absolute <c>access_token_expire_in</c>).</param>
/// <param name="RefreshToken">A refresh token when the grant has one: null for Walmart; on a refresh, null when the channel kept the old one.</param>
/// <param name="RefreshTokenExpiresAt">When the refresh token expires, when the channel says.</param>
/// <param name="Scope">The scopes granted, when the channel says.</param>
public sealed record ObtainedToken(
    string AccessToken,
    DateTimeOffset ExpiresAt,
    string? RefreshToken = null,
    DateTimeOffset? RefreshTokenExpiresAt = null,
    string? Scope = null)
{
    public override string ToString() =>
        $"ObtainedToken {{ AccessToken = ***, ExpiresAt = {ExpiresAt:O}, RefreshToken = {(RefreshToken is null ? "null" : "***")}, Scope = {Scope} }}";
}
