using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// Every outbound call's access token, per channel account (CHANNELS.md 6). A token is served from memory until
/// <see cref="ChannelTokenOptions.RefreshSkew"/> before it expires, or until the registry shows a change of the account (a
/// connection through another instance: read from the store again); then it is refreshed <b>once</b>, whatever the number
/// of callers and instances:
/// <list type="bullet">
/// <item>in this process, one refresh per account at a time: every caller awaits the same flight;</item>
/// <item>across instances, the account's token document (<see cref="ChannelTokenDocument"/>, Cosmos) carries a refresh
/// lease written under its ETag before the token endpoint is called: of two instances only the one whose write
/// succeeded calls it; the other re-reads the document every <see cref="ChannelTokenOptions.PollInterval"/> and takes
/// the token the winner stored. A lease past its time (the holder died) is taken over.</item>
/// </list>
/// A rotated refresh token replaces the old one in the same ETag-guarded write that stores the access token; if that
/// write never happens (a crash after the call) the stored, previous refresh token is used next time, which Shopify
/// accepts until its replacement is used. A refused grant (<c>invalid_grant</c>) marks the document revoked, the
/// account "needs re-authorisation" in the registry and raises one alert to the brand's data owner; from then on calls
/// fail at once with <see cref="ChannelAuthorizationRevokedException"/> (no token call) until the account is connected
/// again. Tokens are never logged, traced or printed.
/// </summary>
public sealed partial class ChannelTokenService : IDisposable
{
    private readonly ConcurrentDictionary<(SalesChannel Channel, string AccountId), AccountEntry> _accounts = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IChannelTokenStore _store;
    private readonly BrandDirectoryCache _registryCache;
    private readonly IBrandRegistry _registry;
    private readonly RegistryLoader _registryLoader;
    private readonly IAlertRaiser _alerts;
    private readonly ChannelTokenClients _clients;
    private readonly IOptionsMonitor<ChannelTokenOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChannelTokenService> _logger;

    public ChannelTokenService(
        IChannelTokenStore store,
        BrandDirectoryCache registryCache,
        IBrandRegistry registry,
        RegistryLoader registryLoader,
        IAlertRaiser alerts,
        ChannelTokenClients clients,
        IOptionsMonitor<ChannelTokenOptions> options,
        TimeProvider time,
        ILogger<ChannelTokenService> logger)
    {
        _store = store;
        _registryCache = registryCache;
        _registry = registry;
        _registryLoader = registryLoader;
        _alerts = alerts;
        _clients = clients;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>This instance's name in refresh leases: machine, process and a random part (two apps in one process differ).</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>
    /// The account's access token, refreshed first when it is about to expire; null when the account has no obtained
    /// grant (never connected, and not a Walmart account with client credentials): its access token, if any, is the one
    /// entered in the registry.
    /// </summary>
    /// <exception cref="ChannelAuthorizationRevokedException">The channel refused the account's grant; it must be connected again.</exception>
    /// <exception cref="ChannelApiUnavailableException">The token endpoint or another instance's refresh did not answer in time; retry later.</exception>
    /// <exception cref="ChannelApiException">The token endpoint refused the app's own credentials or the request.</exception>
    /// <exception cref="ChannelApiCredentialMissingException">The app or the account lacks what the grant needs.</exception>
    /// <exception cref="StoreUnavailableException">The token store cannot be read.</exception>
    public async ValueTask<ChannelAccessToken?> GetAsync(ChannelAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var entry = _accounts.GetOrAdd((account.Channel, account.AccountId.Trim().ToLowerInvariant()), _ => new AccountEntry());
        var known = entry.Last;
        if (known is not null && IsFresh(known, account))
        {
            return Answer(account, known);
        }

        return Answer(account, await JoinFlightAsync(entry, account, force: false, rejected: null, cancellationToken));
    }

    /// <summary>
    /// Obtains a new token now, even if the stored one is still good or the grant was marked revoked: an admin checks a
    /// Walmart account's (new) client credentials. Returns the token, or throws as <see cref="GetAsync"/>.
    /// </summary>
    public async Task<ChannelAccessToken> RefreshNowAsync(ChannelAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var entry = _accounts.GetOrAdd((account.Channel, account.AccountId.Trim().ToLowerInvariant()), _ => new AccountEntry());
        return Answer(account, await JoinFlightAsync(entry, account, force: true, rejected: null, cancellationToken))
            ?? throw new ChannelApiCredentialMissingException(
                $"The {account.Channel} account '{account.AccountId}' of brand '{account.BrandId}' has no grant to obtain a token with " +
                (account.Channel == SalesChannel.Walmart ? "(enter its client-id and client-secret first)." : "(connect it first)."));
    }

    /// <summary>Drops what this instance knew about the account (after it was connected here): the next call reads the store.</summary>
    public void Forget(ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (_accounts.TryGetValue((account.Channel, account.AccountId.Trim().ToLowerInvariant()), out var entry))
        {
            entry.Last = null;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private bool IsFresh(Known known, ChannelAccount account)
    {
        var now = _time.GetUtcNow();
        var options = _options.CurrentValue;
        var sameRegistryVersion = SameRegistryVersion(known, account);
        return known.State switch
        {
            // A token held here is read from the store again when the registry shows a change of the account: a connection
            // through another instance replaced the grant (an uninstall and reinstall revoked the token held here, which
            // would otherwise be sent until it expires: an hour for Shopify, days for TikTok Shop). Only a point read.
            KnownState.Token => known.Token!.ExpiresAt - options.RefreshSkew > now && sameRegistryVersion,

            // No grant and revoked are re-read when the registry shows a change of the account (a connection, a
            // re-authorisation on another instance), and every RecheckInterval anyway.
            _ => now - known.LearntAt < options.RecheckInterval && sameRegistryVersion,
        };
    }

    private static ChannelAccessToken? Answer(ChannelAccount account, Known known) => known.State switch
    {
        KnownState.Token => known.Token,
        KnownState.Revoked => throw new ChannelAuthorizationRevokedException(account, known.RevokedReason ?? "revoked", known.RevokedAt ?? known.LearntAt),
        _ => null,
    };

    /// <summary>Awaits the account's flight in this process, starting it when none runs: one refresh however many callers.</summary>
    /// <param name="rejected">A token the channel refused: the flight's answer is never that one (<see cref="RenewRejectedAsync"/>).</param>
    private async Task<Known> JoinFlightAsync(AccountEntry entry, ChannelAccount account, bool force, string? rejected, CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource<Known>? mine = null;
            Task<Known> flight;
            lock (entry.Gate)
            {
                if (entry.Flight is null)
                {
                    mine = new TaskCompletionSource<Known>(TaskCreationOptions.RunContinuationsAsynchronously);
                    entry.Flight = mine.Task;
                }

                flight = entry.Flight;
            }

            if (mine is not null)
            {
                _ = RunFlightAsync(entry, account, force, rejected, mine);
                return await flight.WaitAsync(cancellationToken);
            }

            if (!force)
            {
                var landed = await flight.WaitAsync(cancellationToken);
                if ((rejected is null || !Carries(landed, rejected)) && SameRegistryVersion(landed, account))
                {
                    return landed;
                }

                // That flight read the refused token again (it started before the refusal), or it read the store before
                // the registry showed a change of the account this caller already sees (a reinstall through another
                // instance: the token it read may be revoked): fly one that will not take what it read.
                await Task.Yield();
                continue;
            }

            // A forced refresh wants a token obtained after it was asked for: let the running flight land, then fly its own.
            try
            {
                await flight.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // That flight's outcome is its callers'; this one asks again.
            }
        }
    }

    private async Task RunFlightAsync(AccountEntry entry, ChannelAccount account, bool force, string? rejected, TaskCompletionSource<Known> completion)
    {
        var options = _options.CurrentValue;
        try
        {
            // The flight serves every waiting caller, so it is not tied to the first one's token; it is bounded instead.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            bounded.CancelAfter(options.WaitTimeout + options.RefreshLease);
            var known = await FlyAsync(account, force, rejected, bounded.Token);
            entry.Last = known;
            completion.SetResult(known);
        }
        catch (Exception e)
        {
            completion.SetException(e);
        }
        finally
        {
            lock (entry.Gate)
            {
                entry.Flight = null;
            }
        }
    }

    private bool SameRegistryVersion(Known known, ChannelAccount account) =>
        string.Equals(known.RegistryVersion, RegistryVersion(account), StringComparison.Ordinal);

    /// <summary>The registry's ETag of the account's document: a connection or re-authorisation changes it everywhere within a change-feed poll.</summary>
    private string? RegistryVersion(ChannelAccount account) =>
        _registryCache.SnapshotOrNull is { } snapshot
        && snapshot.Versions.TryGetValue(RegistryDocument.AccountDocumentId(account.Channel, account.AccountId), out var etag)
            ? etag
            : null;

    private sealed class AccountEntry
    {
        public Lock Gate { get; } = new();

        public Task<Known>? Flight { get; set; }

        public volatile Known? Last;

        /// <summary>The last token obtained because the channel refused its predecessor, and when (<see cref="RenewRejectedAsync"/>).</summary>
        public volatile Renewal? Renewed;
    }

    private enum KnownState
    {
        Token,
        NoGrant,
        Revoked,
    }

    /// <summary>What a flight learnt about the account. Never printed with the token.</summary>
    private sealed record Known(
        KnownState State, ChannelAccessToken? Token, string? RegistryVersion, DateTimeOffset LearntAt, string? RevokedReason = null, DateTimeOffset? RevokedAt = null)
    {
        public static Known Valid(ChannelAccessToken token, string? version, DateTimeOffset at) => new(KnownState.Token, token, version, at);

        public static Known NoGrant(string? version, DateTimeOffset at) => new(KnownState.NoGrant, null, version, at);

        public static Known Revoked(string? version, DateTimeOffset at, DateTimeOffset revokedAt, string? reason) => new(KnownState.Revoked, null, version, at, reason, revokedAt);

        public override string ToString() => $"Known {{ {State}, expires {Token?.ExpiresAt:O}, registry {RegistryVersion} }}";
    }
}
