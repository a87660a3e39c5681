using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>
/// Hands out <see cref="Held"/> (with TikTok signing keys, so every channel's builder can sign) and renews any refused
/// token to <see cref="Renewed"/>, remembering what it was asked to renew.
/// </summary>
internal sealed class RenewingCredentialSource : IChannelApiCredentialSource
{
    public const string Held = "held-token";
    public const string Renewed = "renewed-token";

    private readonly List<(SalesChannel Channel, string AccountId, string Rejected)> _renewals = [];

    public IReadOnlyList<(SalesChannel Channel, string AccountId, string Rejected)> Renewals
    {
        get
        {
            lock (_renewals)
            {
                return [.. _renewals];
            }
        }
    }

    public ValueTask<ChannelApiCredential> GetAsync(ChannelAccount account, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new ChannelApiCredential(Held, AppKey: "app-key", AppSecret: "app-secret", ShopCipher: "shop-cipher"));

    public ValueTask<string?> RenewRejectedAsync(SalesChannel channel, string accountId, string rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        lock (_renewals)
        {
            _renewals.Add((channel, accountId, rejectedAccessToken));
        }

        return ValueTask.FromResult<string?>(Renewed);
    }
}
