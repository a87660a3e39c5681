using ServerlessOps.Domain.Brands;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>A token the channel refused (401, Amazon's 403, TikTok's 105002: ChannelTokenRefusal) before it expired: renewed once, by the same flight and lease as an expiry.</summary>
public sealed partial class ChannelTokenService
{
    /// <summary>
    /// The channel refused <paramref name="rejectedToken"/> (revoked or rotated early, the account still connected): a token
    /// to send instead. One the store already holds if it differs (another caller or instance renewed first), else one
    /// obtained under the lease, once however many callers and instances ask, as for an expiry. A refused refresh takes the
    /// revocation path (the account needs re-authorisation, one alert) and throws <see cref="ChannelAuthorizationRevokedException"/>.
    /// </summary>
    /// <returns>
    /// Null when there is nothing better to send: no obtained grant (an entered token), or <paramref name="rejectedToken"/> was
    /// itself obtained after a refusal less than <see cref="ChannelTokenOptions.RecheckInterval"/> ago. A token refused right
    /// after its renewal is not refused for its age, and renewing it again would call the token endpoint once per call.
    /// </returns>
    /// <exception cref="ChannelAuthorizationRevokedException">The channel refused the account's grant; it must be connected again.</exception>
    /// <exception cref="ChannelApiUnavailableException">The token endpoint or another instance's refresh did not answer in time; retry later.</exception>
    public async ValueTask<ChannelAccessToken?> RenewRejectedAsync(ChannelAccount account, string rejectedToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(rejectedToken);
        var entry = _accounts.GetOrAdd((account.Channel, account.AccountId.Trim().ToLowerInvariant()), _ => new AccountEntry());
        var known = entry.Last;
        if (known is { State: KnownState.Token } && !Carries(known, rejectedToken) && IsFresh(known, account))
        {
            return known.Token;
        }

        var now = _time.GetUtcNow();
        if (entry.Renewed is { } renewed && string.Equals(renewed.Token, rejectedToken, StringComparison.Ordinal)
            && now - renewed.At < _options.CurrentValue.RecheckInterval)
        {
            _logger.RenewedTokenRefused(account.Channel, account.BrandId, account.AccountId, _options.CurrentValue.RecheckInterval);
            return null;
        }

        var token = Answer(account, await JoinFlightAsync(entry, account, force: false, rejectedToken, cancellationToken));
        if (token is null)
        {
            return null;
        }

        entry.Renewed = new Renewal(token.Value, now);
        _logger.RefusedTokenRenewed(account.Channel, account.BrandId, account.AccountId, token.ExpiresAt);
        return token;
    }

    private static bool Carries(Known known, string token) =>
        known.State == KnownState.Token && string.Equals(known.Token!.Value, token, StringComparison.Ordinal);

    /// <summary>A token obtained because its predecessor was refused, and when. Never printed with the token.</summary>
    private sealed record Renewal(string Token, DateTimeOffset At)
    {
        public override string ToString() => $"Renewal {{ At = {At:O} }}";
    }
}
