namespace ServerlessOps.Domain.Brands;

/// <summary>
/// What a channel account authenticates with. Two secrets are accepted at once so a rotation never rejects
/// a delivery signed with the old one (Shopify says a rotation can take up to an hour to reach deliveries).
/// </summary>
/// <param name="Secrets">Current secret first, then the previous one if set. Never empty.</param>
/// <param name="AppKey">TikTok Shop app key (it is part of the signed message); null elsewhere.</param>
/// <param name="CredentialHeader">Amazon/Walmart: the header carrying the shared credential; null = channel default.</param>
/// <param name="AuthMethod">Walmart subscription auth method: Header, Basic, Hmac or Signature; null elsewhere.</param>
public sealed record ChannelCredentials(
    IReadOnlyList<string> Secrets,
    string? AppKey = null,
    string? CredentialHeader = null,
    string? AuthMethod = null);
