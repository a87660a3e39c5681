namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// A started connection: open <paramref name="AuthorizationUrl"/> as the merchant (it carries a single-use state bound to
/// the brand), approve, and the marketplace redirects to our callback, which completes it.
/// </summary>
public sealed record ConnectionStartView(string BrandId, string Channel, Uri AuthorizationUrl, DateTimeOffset ExpiresAt, Uri CallbackUrl);
