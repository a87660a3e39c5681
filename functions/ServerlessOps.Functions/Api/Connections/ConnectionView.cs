using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// A channel account's connection as the API answers it: registry status and where its tokens stand. Never a token, a
/// refresh token or a secret.
/// </summary>
public sealed record ConnectionView(
    string BrandId,
    string Channel,
    string AccountId,
    ChannelAccountStatus Status,
    TokenGrantKind? Grant,
    DateTimeOffset? ConnectedAt,
    string? ConnectedBy,
    DateTimeOffset? AccessTokenExpiresAt,
    DateTimeOffset? RefreshedAt,
    long RefreshCount,
    DateTimeOffset? RevokedAt,
    string? RevokedReason)
{
    public static ConnectionView From(ChannelAccount account, ChannelAccountStatus status, ChannelTokenDocument? tokens)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ConnectionView(
            account.BrandId,
            account.Channel.Slug(),
            account.AccountId,
            status,
            tokens?.Grant,
            tokens?.ConnectedAt,
            tokens?.ConnectedBy,
            tokens?.AccessTokenExpiresAt,
            tokens?.RefreshedAt,
            tokens?.RefreshCount ?? 0,
            tokens?.RevokedAt,
            tokens?.RevokedReason);
    }
}
