namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>
/// Values of <see cref="Brands.ChannelCredentials.AuthMethod"/> for Walmart (CHANNELS.md 3.2), compared case-insensitively.
/// </summary>
public static class WalmartAuthMethods
{
    /// <summary>Default: a long random secret in a custom subscription header (or an OAuth bearer we issued, stored as the full header value).</summary>
    public const string Header = "Header";

    /// <summary><c>BASIC_AUTH</c>: the header holds base64(user:pass), with or without a <c>Basic </c> prefix; the secret is stored as <c>user:pass</c>.</summary>
    public const string Basic = "Basic";

    /// <summary><c>HMAC</c>: the header holds HMAC-SHA256(client secret, raw body); hex or base64, since the encoding is unconfirmed.</summary>
    public const string Hmac = "Hmac";

    /// <summary>The performance-webhook <c>WM_SEC.SIGNATURE</c> scheme only.</summary>
    public const string Signature = "Signature";

    /// <summary>
    /// <c>OAUTH</c>: Walmart obtains a token from our token endpoint with the client id and secret we gave it (stored as
    /// the webhook secret, <c>client-id:client-secret</c>) and sends <c>Bearer {token}</c> in the header
    /// (<see cref="WalmartBearerToken"/>).
    /// </summary>
    public const string OAuth = "OAuth";

    /// <summary>The header carrying the credential when <see cref="Brands.ChannelCredentials.CredentialHeader"/> is not set.</summary>
    public const string DefaultHeader = "x-serverlessops-key";
}
