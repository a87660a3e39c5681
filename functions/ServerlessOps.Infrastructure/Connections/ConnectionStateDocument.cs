using System.Text.Json.Serialization;
using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Connections;

/// <summary>
/// A started connection, in container <c>channelTokens</c> under id and partition <c>state:{nonce}</c>: the brand it is
/// bound to, who started it, until when the merchant may complete it, and what the callback needs that the marketplace
/// does not send back. The callback consumes it under its ETag, so a <c>state</c> is good for one callback only.
/// </summary>
public sealed record ConnectionStateDocument
{
    public const string DocumentType = "connectionState";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The random part of the state the marketplace echoes.</summary>
    public required string Nonce { get; init; }

    public required string BrandId { get; init; }

    /// <summary>Channel slug.</summary>
    public required string Channel { get; init; }

    /// <summary>The admin who started it: the actor of the registry change the callback makes.</summary>
    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The callback URL sent in the authorisation request (Amazon's code exchange must repeat it).</summary>
    public required string RedirectUri { get; init; }

    /// <summary>When a callback consumed it; a second callback with it is a replay.</summary>
    public DateTimeOffset? UsedAt { get; init; }

    /// <summary>Shopify: the shop the admin named.</summary>
    public string? Shop { get; init; }

    /// <summary>
    /// Amazon: the seller the admin named at the start. Amazon's callback names the seller in its query and LWA's token
    /// answer does not, so the callback refuses any other: a consent link completed by another seller, or a callback
    /// with its <c>selling_partner_id</c> edited, cannot attach that seller to the brand.
    /// </summary>
    public string? SellingPartnerId { get; init; }

    /// <summary>Amazon: the EventBridge connection's credential for the account's webhooks, when the account is new.</summary>
    public SecretReference? WebhookSecret { get; init; }

    /// <summary>Amazon: the header that credential comes in.</summary>
    public string? CredentialHeader { get; init; }

    /// <summary>TikTok Shop: which of the seller's shops to connect when it has several.</summary>
    public string? ShopId { get; init; }

    /// <summary>
    /// Seconds Cosmos DB keeps the document after its last write (per-item time to live; container <c>channelTokens</c>
    /// has <c>defaultTtl</c> -1, so only documents that carry one expire): a day past <see cref="ExpiresAt"/>, so states
    /// nobody completed and states already used do not pile up for ever. A callback after that finds no state and is
    /// refused as unknown, as it would be refused as expired before.
    /// </summary>
    [JsonPropertyName("ttl")]
    public int? TimeToLiveSeconds { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    /// <summary>How long a state or an install record outlives its expiry before Cosmos DB deletes it.</summary>
    public static TimeSpan KeptAfterExpiry { get; } = TimeSpan.FromDays(1);

    /// <summary>The <see cref="TimeToLiveSeconds"/> of a document that expires <paramref name="lifetime"/> after it is written.</summary>
    public static int TimeToLiveFor(TimeSpan lifetime) => (int)Math.Ceiling((lifetime + KeptAfterExpiry).TotalSeconds);

    public static string DocumentId(string nonce) => "state:" + nonce;

    public override string ToString() =>
        $"ConnectionStateDocument {{ Id = {Id}, BrandId = {BrandId}, Channel = {Channel}, ExpiresAt = {ExpiresAt:O}, UsedAt = {UsedAt:O}, Shop = {Shop}, WebhookSecret = {WebhookSecret} }}";
}
