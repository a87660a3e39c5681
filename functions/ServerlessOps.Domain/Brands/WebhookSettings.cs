namespace ServerlessOps.Domain.Brands;

/// <summary>How a channel account's webhooks are authenticated, besides its secrets. None of these is secret.</summary>
/// <param name="AppKey">TikTok Shop: the app key signed together with the body. Required there; unused elsewhere.</param>
/// <param name="CredentialHeader">Amazon and Walmart: the header carrying the shared credential; null = <c>x-serverlessops-key</c> (Authorization for Basic).</param>
/// <param name="AuthMethod">Walmart: Header (default), Basic, Hmac, Signature or OAuth.</param>
/// <param name="RequireSignature">Walmart: refuse a delivery without a valid <c>WM_SEC.SIGNATURE</c>, whatever the auth method. Default false: a signature is checked when present.</param>
public sealed record WebhookSettings(
    string? AppKey = null,
    string? CredentialHeader = null,
    string? AuthMethod = null,
    bool RequireSignature = false)
{
    public static WebhookSettings None { get; } = new();
}
