using System.Text.Json.Serialization;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// One channel account's tokens in container <c>channelTokens</c>: id and partition <c>token:{channel}:{account id
/// lower-case}</c>, so every read is a point read and every write one ETag-guarded replace. The refresh token lives
/// here and nowhere else (never in configuration): a rotated one replaces the old in the same write that stores the
/// access token it came with, so the old one is never dropped before the new one is durable.
/// </summary>
public sealed record ChannelTokenDocument
{
    public const string DocumentType = "channelToken";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string BrandId { get; init; }

    /// <summary>Channel slug.</summary>
    public required string Channel { get; init; }

    public required string AccountId { get; init; }

    public required TokenGrantKind Grant { get; init; }

    public string? AccessToken { get; init; }

    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>With <see cref="TokenGrantKind.RefreshToken"/>: the newest refresh token.</summary>
    public string? RefreshToken { get; init; }

    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

    public string? Scope { get; init; }

    /// <summary>Set while an instance refreshes (<see cref="TokenLease"/>).</summary>
    public TokenLease? Lease { get; init; }

    /// <summary>When the channel refused the refresh token as revoked or invalid; null while the grant works.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The channel's reason (its error code and description), never a token.</summary>
    public string? RevokedReason { get; init; }

    /// <summary>
    /// Revoked, and its alert not raised yet: set with the revocation, cleared once the alert is. While the revoking
    /// instance holds the <see cref="Lease"/> it raises it; after that, the next instance to read the grant does.
    /// </summary>
    public bool RevokedAlertPending { get; init; }

    /// <summary>When the seller authorised the app (or the admin verified the client credentials), and who started it.</summary>
    public DateTimeOffset? ConnectedAt { get; init; }

    public string? ConnectedBy { get; init; }

    public DateTimeOffset? RefreshedAt { get; init; }

    /// <summary>Token endpoint calls that succeeded for this document since it was connected.</summary>
    public long RefreshCount { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public bool IsRevoked => RevokedAt is not null;

    public static string DocumentId(SalesChannel channel, string accountId) =>
        CosmosIds.Encode($"token:{channel.Slug()}:{accountId.Trim().ToLowerInvariant()}");

    public static ChannelTokenDocument New(ChannelAccount account, TokenGrantKind grant)
    {
        ArgumentNullException.ThrowIfNull(account);
        var id = DocumentId(account.Channel, account.AccountId);
        return new ChannelTokenDocument
        {
            Id = id,
            Pk = id,
            BrandId = account.BrandId,
            Channel = account.Channel.Slug(),
            AccountId = account.AccountId,
            Grant = grant,
        };
    }

    /// <summary>Whether the stored access token can still be sent at <paramref name="now"/> with <paramref name="skew"/> to spare.</summary>
    public bool HasUsableAccessToken(DateTimeOffset now, TimeSpan skew) =>
        !IsRevoked && AccessToken is { Length: > 0 } && AccessTokenExpiresAt is { } expires && expires - skew > now;

    /// <summary>Throws unless this build can read it.</summary>
    public void EnsureReadable()
    {
        if (!string.Equals(Type, DocumentType, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Token document '{Id}' has type '{Type}', expected '{DocumentType}'.");
        }

        if (SchemaVersion < 1 || SchemaVersion > CurrentSchemaVersion)
        {
            throw new InvalidOperationException(
                $"Token document '{Id}' has schemaVersion {SchemaVersion}; this build reads 1-{CurrentSchemaVersion}. A newer release wrote it: deploy that release, do not overwrite it with this one.");
        }
    }

    public override string ToString() =>
        $"ChannelTokenDocument {{ Id = {Id}, Grant = {Grant}, AccessToken = {(AccessToken is null ? "null" : "***")}, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, " +
        $"RefreshToken = {(RefreshToken is null ? "null" : "***")}, Lease = {Lease}, RevokedAt = {RevokedAt:O}, RefreshCount = {RefreshCount} }}";
}
