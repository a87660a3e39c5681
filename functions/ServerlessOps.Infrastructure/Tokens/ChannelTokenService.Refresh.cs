using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>The flight: read the token document, wait for another instance's refresh, or take the lease and refresh.</summary>
public sealed partial class ChannelTokenService
{
    /// <summary>Attempts at storing a token obtained, while the store is unavailable, before the flight gives up.</summary>
    private const int StoreAttempts = 3;

    /// <param name="rejected">A token the channel refused: not taken from the store; a stored token equal to it is refreshed.</param>
    private async Task<Known> FlyAsync(ChannelAccount account, bool force, string? rejected, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var version = RegistryVersion(account);
        var started = _time.GetUtcNow();
        var requestedAt = started;
        var waitingLogged = false;
        while (true)
        {
            var now = _time.GetUtcNow();
            if (now - started > options.WaitTimeout)
            {
                throw new ChannelApiUnavailableException(
                    account.Channel, "token refresh", null, null,
                    $"No token for the {account.Channel} account '{account.AccountId}' of brand '{account.BrandId}' within {options.WaitTimeout.TotalSeconds:0} s " +
                    "(another instance's refresh has not finished); retry later.");
            }

            var stored = await _store.ReadAsync(account.Channel, account.AccountId, cancellationToken);
            if (stored is null)
            {
                if (ClientCredentials(account) is null)
                {
                    return Known.NoGrant(version, now);
                }

                // Walmart with client credentials in the registry: the first token creates the document, lease taken.
                var created = ChannelTokenDocument.New(account, TokenGrantKind.ClientCredentials) with { Lease = new TokenLease(InstanceId, now + options.RefreshLease) };
                string createdETag;
                try
                {
                    createdETag = await _store.CreateAsync(created, cancellationToken);
                }
                catch (ConcurrencyConflictException)
                {
                    continue;
                }

                if (await RefreshUnderLeaseAsync(account, created, createdETag, version, cancellationToken) is { } first)
                {
                    return first;
                }

                continue;
            }

            var document = stored.Value;
            if (document.IsRevoked && !force)
            {
                if (document.RevokedAlertPending && (document.Lease is not { } raising || raising.Until <= now))
                {
                    await RaiseLeftPendingAsync(account, stored, now, cancellationToken);
                }

                return Known.Revoked(version, now, document.RevokedAt!.Value, document.RevokedReason);
            }

            if (document.HasUsableAccessToken(now, options.RefreshSkew) && (!force || document.RefreshedAt >= requestedAt)
                && !string.Equals(document.AccessToken, rejected, StringComparison.Ordinal))
            {
                _logger.TokenReadFromStore(account.Channel, account.BrandId, account.AccountId, document.AccessTokenExpiresAt!.Value);
                return Known.Valid(new ChannelAccessToken(document.AccessToken!, document.AccessTokenExpiresAt!.Value), version, now);
            }

            if (document.Lease is { } lease && lease.Holder != InstanceId)
            {
                if (lease.Until > now)
                {
                    if (!waitingLogged)
                    {
                        _logger.WaitingForRefresh(account.Channel, account.BrandId, account.AccountId, lease.Holder, lease.Until);
                        waitingLogged = true;
                    }

                    await Task.Delay(options.PollInterval, _time, cancellationToken);
                    continue;
                }

                _logger.LeaseTakenOver(account.Channel, account.BrandId, account.AccountId, lease.Holder, lease.Until);
            }

            // This instance's own lease on a document it reads in a new flight is stale (one flight per account here): a
            // refresh that failed to store its result. Taken over like anyone's.
            var leased = document with { Lease = new TokenLease(InstanceId, now + options.RefreshLease) };
            string leaseETag;
            try
            {
                leaseETag = await _store.ReplaceAsync(leased, stored.ETag, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Another instance leased or stored a token first: read what it wrote.
                continue;
            }

            if (await RefreshUnderLeaseAsync(account, leased, leaseETag, version, cancellationToken) is { } refreshed)
            {
                return refreshed;
            }
        }
    }

    /// <summary>Calls the token endpoint holding the lease and stores the answer under the lease's ETag; null when the document changed meanwhile.</summary>
    private async Task<Known?> RefreshUnderLeaseAsync(
        ChannelAccount account, ChannelTokenDocument leased, string leaseETag, string? version, CancellationToken cancellationToken)
    {
        ObtainedToken obtained;
        try
        {
            obtained = await ObtainAsync(account, leased, cancellationToken);
        }
        catch (TokenGrantRevokedException e)
        {
            return await RevokeAsync(account, leased, leaseETag, e.Reason, version, cancellationToken);
        }
        catch (Exception)
        {
            await ReleaseLeaseAsync(account, leased, leaseETag);
            throw;
        }

        var now = _time.GetUtcNow();
        var rotated = obtained.RefreshToken is not null && !string.Equals(obtained.RefreshToken, leased.RefreshToken, StringComparison.Ordinal);
        var refreshed = leased with
        {
            AccessToken = obtained.AccessToken,
            AccessTokenExpiresAt = obtained.ExpiresAt,
            RefreshToken = obtained.RefreshToken ?? leased.RefreshToken,
            RefreshTokenExpiresAt = obtained.RefreshTokenExpiresAt ?? (rotated ? null : leased.RefreshTokenExpiresAt),
            Scope = obtained.Scope ?? leased.Scope,
            Lease = null,
            RevokedAt = null,
            RevokedReason = null,
            RefreshedAt = now,
            RefreshCount = leased.RefreshCount + 1,
        };

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The new refresh token replaces the old one in this one conditional write: the old is never dropped
                // before the new is durable. Not written (a crash, an outage): the stored one is used next time.
                await _store.ReplaceAsync(refreshed, leaseETag, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException)
            {
                // The lease lapsed and another instance took over, or the account was connected again: the document wins.
                _logger.RefreshSuperseded(account.Channel, account.BrandId, account.AccountId);
                return null;
            }
            catch (StoreUnavailableException e)
            {
                _logger.TokenStoreFailed(account.Channel, account.BrandId, account.AccountId, attempt, e);
                if (attempt >= StoreAttempts)
                {
                    throw new ChannelApiUnavailableException(
                        account.Channel, "token refresh", null, null,
                        $"A token was obtained for the {account.Channel} account '{account.AccountId}' of brand '{account.BrandId}' but could not be stored; " +
                        "the next call refreshes again with the stored refresh token. Retry later.",
                        e);
                }

                await Task.Delay(_options.CurrentValue.PollInterval, _time, cancellationToken);
            }
        }

        _logger.TokenRefreshed(account.Channel, account.BrandId, account.AccountId, refreshed.Grant, rotated, obtained.ExpiresAt, refreshed.RefreshCount);
        return Known.Valid(new ChannelAccessToken(obtained.AccessToken, obtained.ExpiresAt), version, now);
    }

    private Task<ObtainedToken> ObtainAsync(ChannelAccount account, ChannelTokenDocument document, CancellationToken cancellationToken)
    {
        if (document.Grant == TokenGrantKind.ClientCredentials)
        {
            var (clientId, clientSecret) = ClientCredentials(account)
                ?? throw new ChannelApiCredentialMissingException(
                    $"The {account.Channel} account '{account.AccountId}' of brand '{account.BrandId}' has no usable client-id and client-secret in the brand registry; " +
                    $"its token cannot be obtained (PUT /api/brands/{account.BrandId}/accounts/{account.Channel.Slug()}/{account.AccountId}).");
            return _clients.Walmart.ObtainAsync(clientId, clientSecret, cancellationToken);
        }

        var refreshToken = document.RefreshToken
            ?? throw new ChannelApiCredentialMissingException(
                $"The token document of the {account.Channel} account '{account.AccountId}' holds no refresh token; connect the account again.");
        return account.Channel switch
        {
            SalesChannel.Shopify => _clients.Shopify.RefreshAsync(account.AccountId, refreshToken, cancellationToken),
            SalesChannel.Amazon => _clients.Amazon.RefreshAsync(refreshToken, cancellationToken),
            SalesChannel.TikTokShop => _clients.TikTokShop.RefreshAsync(refreshToken, cancellationToken),
            _ => throw new ChannelApiCredentialMissingException($"{account.Channel} grants are client credentials, not refresh tokens."),
        };
    }

    /// <summary>Walmart's client id and secret from the registry cache; null when the account has none (or is not Walmart).</summary>
    private (string ClientId, string ClientSecret)? ClientCredentials(ChannelAccount account)
    {
        if (account.Channel != SalesChannel.Walmart
            || _registryCache.SnapshotOrNull is not { } snapshot
            || !snapshot.TryGetAccount(account.Channel, account.AccountId, out var resolved)
            || resolved.Current(SecretKind.ClientId) is not { } clientId
            || resolved.Current(SecretKind.ClientSecret) is not { } clientSecret)
        {
            return null;
        }

        return (clientId, clientSecret);
    }

    private async Task ReleaseLeaseAsync(ChannelAccount account, ChannelTokenDocument leased, string leaseETag)
    {
        try
        {
            await _store.ReplaceAsync(leased with { Lease = null }, leaseETag, CancellationToken.None);
            _logger.LeaseReleased(account.Channel, account.BrandId, account.AccountId);
        }
        catch (Exception e) when (e is ConcurrencyConflictException or StoreUnavailableException or InvalidOperationException)
        {
            // The lease lapses by itself after RefreshLease.
        }
    }
}
