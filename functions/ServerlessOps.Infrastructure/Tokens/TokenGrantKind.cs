namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>How an account's access tokens are obtained.</summary>
public enum TokenGrantKind
{
    /// <summary>From a refresh token the seller's authorisation gave us (Shopify, Amazon LWA, TikTok Shop): it lives in the token document only.</summary>
    RefreshToken,

    /// <summary>From the account's client id and secret in the registry (Walmart <c>POST /v3/token</c>): nothing to lose, asked again each time.</summary>
    ClientCredentials,
}
