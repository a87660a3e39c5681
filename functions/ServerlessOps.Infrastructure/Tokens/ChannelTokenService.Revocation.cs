using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>A refused grant: recorded once by the lease holder, the registry told, the brand's data owner alerted.</summary>
public sealed partial class ChannelTokenService
{
    /// <summary>The registry actor of changes the token service makes.</summary>
    public const string RegistryActor = "token refresh";

    /// <summary>The audit action of an account marked as needing re-authorisation.</summary>
    public const string NeedsReauthorisationAction = "needs re-authorisation";

    private const int RegistryAttempts = 3;

    private async Task<Known?> RevokeAsync(
        ChannelAccount account, ChannelTokenDocument leased, string leaseETag, string reason, string? version, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        // The lease is kept until the alert is raised: an instance reading the revocation meanwhile leaves the alert to us.
        var revoked = leased with
        {
            AccessToken = null,
            AccessTokenExpiresAt = null,
            RevokedAt = now,
            RevokedReason = reason,
            RevokedAlertPending = true,
        };
        string revokedETag;
        try
        {
            revokedETag = await _store.ReplaceAsync(revoked, leaseETag, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Connected again (or the lease lapsed and another instance answered): what is stored now decides.
            _logger.RefreshSuperseded(account.Channel, account.BrandId, account.AccountId);
            return null;
        }

        // From here every caller of this instance fails at once, and other instances read "revoked" from the document:
        // the token endpoint is not called again for this grant.
        _logger.GrantRevoked(account.Channel, account.BrandId, account.AccountId, reason);
        await MarkNeedsReauthorisationAsync(account, cancellationToken);
        await RaiseAndSettleAsync(account, revoked, revokedETag, cancellationToken);
        return Known.Revoked(RegistryVersion(account) ?? version, now, now, reason);
    }

    /// <summary>
    /// A revoked grant whose alert was not raised (raising failed, or its instance died first) and whose lease lapsed:
    /// this instance takes the lease and raises it, so the data owner learns of the revocation all the same.
    /// </summary>
    private async Task RaiseLeftPendingAsync(ChannelAccount account, Versioned<ChannelTokenDocument> stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leased = stored.Value with { Lease = new TokenLease(InstanceId, now + _options.CurrentValue.RefreshLease) };
        string leaseETag;
        try
        {
            leaseETag = await _store.ReplaceAsync(leased, stored.ETag, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Another instance took it first, or the account was connected again.
            return;
        }

        await RaiseAndSettleAsync(account, leased, leaseETag, cancellationToken);
    }

    /// <summary>Raises the revoked alert holding the lease, then releases the lease: the alert no longer pending if it was raised.</summary>
    private async Task RaiseAndSettleAsync(ChannelAccount account, ChannelTokenDocument leased, string leaseETag, CancellationToken cancellationToken)
    {
        var raised = await RaiseRevokedAlertAsync(account, leased.RevokedReason ?? "revoked", cancellationToken);
        try
        {
            await _store.ReplaceAsync(leased with { Lease = null, RevokedAlertPending = !raised }, leaseETag, CancellationToken.None);
        }
        catch (Exception e) when (e is ConcurrencyConflictException or StoreUnavailableException or InvalidOperationException)
        {
            // The lease lapses by itself; if the alert was raised, raising it again is a repeat its owner is not told of.
        }
    }

    private async Task MarkNeedsReauthorisationAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 1; attempt <= RegistryAttempts; attempt++)
            {
                var current = await _registry.GetAccountAsync(account.Channel, account.AccountId, cancellationToken);
                if (current is null || current.Value.Status is ChannelAccountStatus.NeedsReauthorisation or ChannelAccountStatus.Disconnected)
                {
                    return;
                }

                try
                {
                    await _registry.ReplaceAccountAsync(
                        current, current.Value with { Status = ChannelAccountStatus.NeedsReauthorisation }, new RegistryChange(RegistryActor, NeedsReauthorisationAction), cancellationToken);
                    _logger.MarkedNeedsReauthorisation(account.Channel, account.BrandId, account.AccountId);
                    await _registryLoader.TryReloadAsync(NeedsReauthorisationAction, cancellationToken);
                    return;
                }
                catch (ConcurrencyConflictException) when (attempt < RegistryAttempts)
                {
                    // Changed meanwhile (an admin edit): read it again.
                }
            }
        }
        catch (Exception e) when (e is ConcurrencyConflictException or StoreUnavailableException or RegistryValidationException or InvalidOperationException)
        {
            // The token document says revoked whatever the registry says: calls still fail fast. Logged for an operator.
            _logger.RegistryMarkFailed(account.Channel, account.BrandId, account.AccountId, e);
        }
    }

    /// <summary>Whether the alert was recorded.</summary>
    private async Task<bool> RaiseRevokedAlertAsync(ChannelAccount account, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await _alerts.RaiseAsync(
                new AlertRaise(
                    account.BrandId,
                    AlertKind.ChannelAuthorizationRevoked,
                    AlertSubject.ChannelAccount(account.Channel, account.AccountId),
                    $"{account.Channel} refused the authorisation of account {account.AccountId}: orders and stock can no longer be read or pushed for it. " +
                    $"To mend it, {ChannelAuthorizationRevokedException.ReconnectHint(account)}.")
                {
                    Channel = account.Channel,
                    Evidence = new Dictionary<string, string>
                    {
                        ["channel"] = account.Channel.Slug(),
                        ["accountId"] = account.AccountId,
                        ["reason"] = reason.Length <= AlertRaise.MaxEvidenceValueLength ? reason : reason[..AlertRaise.MaxEvidenceValueLength],
                    },
                },
                cancellationToken);
            return true;
        }
        catch (Exception e) when (e is StoreUnavailableException or ArgumentException or InvalidOperationException)
        {
            _logger.AlertRaiseFailed(account.Channel, account.BrandId, account.AccountId, e);
            return false;
        }
    }
}
