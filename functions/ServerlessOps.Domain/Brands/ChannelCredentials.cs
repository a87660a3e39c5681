namespace ServerlessOps.Domain.Brands;

/// <summary>
/// What a channel account authenticates with. Two secrets are accepted at once so a rotation never rejects
/// a delivery signed with the old one (Shopify says a rotation can take up to an hour to reach deliveries).
/// Never prints the secrets.
/// </summary>
/// <param name="Secrets">Current secret first, then the previous one if set. Empty only for an account that cannot take webhooks yet.</param>
/// <param name="AppKey">TikTok Shop app key (it is part of the signed message); null elsewhere.</param>
/// <param name="CredentialHeader">Amazon/Walmart: the header carrying the shared credential; null = channel default.</param>
/// <param name="AuthMethod">Walmart subscription auth method: Header, Basic, Hmac, Signature or OAuth; null elsewhere.</param>
/// <param name="SignatureSecrets">Walmart: the <c>WM_SEC.SIGNATURE</c> secrets (current, previous) when they differ from <paramref name="Secrets"/>; null = the same.</param>
/// <param name="RequireSignature">Walmart: a delivery without a valid <c>WM_SEC.SIGNATURE</c> is refused, whatever the auth method.</param>
public sealed record ChannelCredentials(
    IReadOnlyList<string> Secrets,
    string? AppKey = null,
    string? CredentialHeader = null,
    string? AuthMethod = null,
    IReadOnlyList<string>? SignatureSecrets = null,
    bool RequireSignature = false)
{
    /// <summary>The secrets <c>WM_SEC.SIGNATURE</c> is checked against.</summary>
    public IReadOnlyList<string> SigningSecrets => SignatureSecrets is { Count: > 0 } own ? own : Secrets;

    public override string ToString() =>
        $"ChannelCredentials {{ Secrets = {Secrets.Count} x ***, AppKey = {AppKey}, CredentialHeader = {CredentialHeader}, AuthMethod = {AuthMethod}, " +
        $"SignatureSecrets = {SignatureSecrets?.Count ?? 0} x ***, RequireSignature = {RequireSignature} }}";
}
