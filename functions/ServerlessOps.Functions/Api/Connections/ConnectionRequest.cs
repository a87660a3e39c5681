using ServerlessOps.Functions.Api.Admin;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// Body of <c>POST /api/brands/{brandId}/connections/{channel}</c> (optional except where a channel needs it): what the
/// authorisation cannot tell us.
/// </summary>
public sealed record ConnectionRequest
{
    /// <summary>Shopify, required: the shop's <c>*.myshopify.com</c> domain.</summary>
    public string? Shop { get; init; }

    /// <summary>
    /// Amazon: the EventBridge connection's credential for the account's webhooks (a Key Vault URI, or locally a value),
    /// required unless <see cref="SellingPartnerId"/> names an account of the brand that has one.
    /// </summary>
    public SecretValueRequest? WebhookSecret { get; init; }

    /// <summary>Amazon: the header that credential comes in (default <c>x-serverlessops-key</c>).</summary>
    public string? CredentialHeader { get; init; }

    /// <summary>
    /// Amazon, required: the seller expected to authorise; the callback refuses any other seller (it names the seller in its
    /// query, and LWA's token answer does not, so nothing else binds the consent to a seller).
    /// </summary>
    public string? SellingPartnerId { get; init; }

    /// <summary>TikTok Shop: which shop to connect, when the seller authorising has several.</summary>
    public string? ShopId { get; init; }
}
