using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Brands;

/// <summary>Which <see cref="SecretKind"/>s each channel has, the one its webhooks are authenticated with, and the route slugs.</summary>
public static class SecretKinds
{
    private static readonly Dictionary<SalesChannel, SecretKind[]> _allowed = new()
    {
        [SalesChannel.Shopify] = [SecretKind.AppSecret, SecretKind.ClientId, SecretKind.AccessToken],
        [SalesChannel.Amazon] = [SecretKind.WebhookSecret, SecretKind.ClientId, SecretKind.ClientSecret, SecretKind.AccessToken],
        [SalesChannel.Walmart] = [SecretKind.WebhookSecret, SecretKind.SignatureSecret, SecretKind.ClientId, SecretKind.ClientSecret, SecretKind.AccessToken],
        [SalesChannel.TikTokShop] = [SecretKind.AppSecret, SecretKind.AccessToken],
    };

    /// <summary>The kinds <paramref name="channel"/> accounts may hold.</summary>
    public static IReadOnlyList<SecretKind> For(SalesChannel channel) => _allowed.TryGetValue(channel, out var kinds) ? kinds : [];

    /// <summary>
    /// The kind whose current and previous values authenticate webhooks: Shopify and TikTok Shop sign with the app
    /// secret, Amazon and Walmart present (or, for Walmart HMAC, sign with) the webhook secret.
    /// </summary>
    public static SecretKind WebhookKind(SalesChannel channel) =>
        channel is SalesChannel.Shopify or SalesChannel.TikTokShop ? SecretKind.AppSecret : SecretKind.WebhookSecret;

    /// <summary>Route and audit name: <c>webhook-secret</c>, <c>signature-secret</c>, <c>app-secret</c>, <c>client-id</c>, <c>client-secret</c>, <c>access-token</c>.</summary>
    public static string Slug(this SecretKind kind) => kind switch
    {
        SecretKind.WebhookSecret => "webhook-secret",
        SecretKind.SignatureSecret => "signature-secret",
        SecretKind.AppSecret => "app-secret",
        SecretKind.ClientId => "client-id",
        SecretKind.ClientSecret => "client-secret",
        SecretKind.AccessToken => "access-token",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown secret kind."),
    };

    /// <summary>Parses a slug or the member name, case-insensitively.</summary>
    public static bool TryParse(string? text, out SecretKind kind)
    {
        foreach (var candidate in Enum.GetValues<SecretKind>())
        {
            if (string.Equals(candidate.Slug(), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
