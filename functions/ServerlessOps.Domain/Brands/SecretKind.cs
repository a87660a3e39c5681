namespace ServerlessOps.Domain.Brands;

/// <summary>
/// The credentials a channel account may hold, each rotated on its own (<see cref="ChannelSecret"/>): Walmart's API
/// client secret and its <c>WM_SEC</c> signing secret, for one, change at different times. <see cref="SecretKinds"/>
/// says which kinds each channel has and which one authenticates its webhooks.
/// </summary>
public enum SecretKind
{
    /// <summary>Amazon: the EventBridge connection's API key or Basic user:pass. Walmart: the subscription's header key, Basic user:pass or HMAC key.</summary>
    WebhookSecret,

    /// <summary>Walmart: the secret <c>WM_SEC.SIGNATURE</c> is computed with, when it differs from the webhook secret.</summary>
    SignatureSecret,

    /// <summary>Shopify: the app's client secret (signs webhooks, OAuth). TikTok Shop: the app secret (signs webhooks and every API call).</summary>
    AppSecret,

    /// <summary>Amazon LWA client id, Walmart client id, Shopify app client id: not a password, but kept with the secrets it pairs with.</summary>
    ClientId,

    /// <summary>Amazon LWA client secret, Walmart API client secret.</summary>
    ClientSecret,

    /// <summary>The outbound API access token, while tokens are entered rather than obtained.</summary>
    AccessToken,
}
