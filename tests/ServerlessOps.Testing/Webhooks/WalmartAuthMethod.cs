namespace ServerlessOps.Testing.Webhooks;

/// <summary>How a Walmart subscription authenticates its deliveries (CHANNELS.md 3.2; settings value <c>AuthMethod</c>).</summary>
public enum WalmartAuthMethod
{
    /// <summary>A custom header carrying the shared secret verbatim.</summary>
    Header,

    /// <summary>BASIC_AUTH: the header carries Base64("userName:password"); the secret is "userName:password".</summary>
    Basic,

    /// <summary>HMAC: the header carries HMAC-SHA256(client secret, raw body); encoding unconfirmed (base64 or hex).</summary>
    Hmac,

    /// <summary>Performance-webhook signature: WM_SEC.TIMESTAMP and WM_SEC.SIGNATURE over method, path and query, timestamp, body digest.</summary>
    Signature,
}
