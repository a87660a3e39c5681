using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Infrastructure.Connections;

/// <summary>
/// Records a completed authorisation: the tokens first (the code cannot be exchanged twice, so what it gave must be
/// durable before anything else can fail), replacing whatever the account's token document held (a revoked grant, a
/// refresh in progress, whose write then fails on its ETag); then the account in the registry (created or updated,
/// status connected, any entered <c>access-token</c> removed since tokens are now obtained, audited as
/// <see cref="ConnectedAction"/> by the admin who started it); then this instance's caches, and the
/// <c>channel-authorization-revoked</c> alert of the account is resolved.
/// </summary>
public sealed class ChannelConnector(
    IChannelTokenStore store,
    IBrandRegistry registry,
    RegistryLoader registryLoader,
    ChannelTokenService tokens,
    IAlertRaiser alerts,
    IOptions<RegistryOptions> registryOptions,
    TimeProvider time,
    ILogger<ChannelConnector> logger)
{
    /// <summary>The audit action of a connection.</summary>
    public const string ConnectedAction = "connected";

    private const int RegistryAttempts = 3;

    /// <summary>Whether secret values may be written into the registry (locally); otherwise Key Vault references.</summary>
    public bool AllowLocalSecrets => registryOptions.Value.AllowLocalSecrets;

    /// <summary>
    /// A reference to an app-level secret for an account's registry entry: the value where local secrets are allowed,
    /// otherwise the Key Vault secret <paramref name="vaultSecretName"/> in <c>Registry:KeyVaultUri</c> (infra/azure/README.md
    /// names them).
    /// </summary>
    public SecretReference AppSecretReference(string value, string vaultSecretName)
    {
        var options = registryOptions.Value;
        if (options.AllowLocalSecrets)
        {
            return SecretReference.Local(value);
        }

        var vault = options.KeyVaultUri
            ?? throw new InvalidOperationException($"Registry:KeyVaultUri is not set, so the account cannot refer to Key Vault secret '{vaultSecretName}'.");
        return SecretReference.KeyVault(new Uri(vault, "secrets/" + vaultSecretName));
    }

    /// <param name="state">The consumed state (brand, who started it).</param>
    /// <param name="account">The account the marketplace authorised.</param>
    /// <param name="token">What the code was exchanged for.</param>
    /// <param name="shape">The account as it must be after the connection, from what is stored (null when new).</param>
    /// <exception cref="ConnectionConflictException">The account belongs to another brand.</exception>
    /// <exception cref="RegistryValidationException">The account would be invalid; the tokens are stored nonetheless.</exception>
    public async Task<Versioned<ChannelConnection>> RecordAsync(
        ConnectionStateDocument state,
        ChannelAccount account,
        ObtainedToken token,
        Func<ChannelConnection?, ChannelConnection> shape,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(shape);
        var existing = await registry.GetAccountAsync(account.Channel, account.AccountId, cancellationToken);
        if (existing is not null && !string.Equals(existing.Value.Account.BrandId, account.BrandId, StringComparison.Ordinal))
        {
            throw new ConnectionConflictException($"{account.Channel} account '{account.AccountId}' is registered to another brand; an account belongs to one brand.");
        }

        var now = time.GetUtcNow();
        await store.UpsertAsync(
            ChannelTokenDocument.New(account, TokenGrantKind.RefreshToken) with
            {
                AccessToken = token.AccessToken,
                AccessTokenExpiresAt = token.ExpiresAt,
                RefreshToken = token.RefreshToken,
                RefreshTokenExpiresAt = token.RefreshTokenExpiresAt,
                Scope = token.Scope,
                ConnectedAt = now,
                ConnectedBy = state.CreatedBy,
                RefreshedAt = now,
            },
            cancellationToken);
        var saved = await SaveAccountAsync(account, existing, shape, new RegistryChange(state.CreatedBy, ConnectedAction), cancellationToken);
        await AfterConnectedAsync(account, cancellationToken);
        logger.Connected(account.Channel, account.BrandId, account.AccountId, state.CreatedBy, token.ExpiresAt);
        return saved;
    }

    /// <summary>
    /// After an admin verified an account's client credentials (Walmart): the account connected (audited), the caches
    /// and the revoked alert cleared. The token itself was stored by the token service.
    /// </summary>
    public async Task<Versioned<ChannelConnection>> MarkConnectedAsync(ChannelAccount account, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var existing = await registry.GetAccountAsync(account.Channel, account.AccountId, cancellationToken)
            ?? throw new ConnectionConflictException($"{account.Channel} account '{account.AccountId}' is not registered.");
        var saved = await SaveAccountAsync(account, existing, c => c! with { Status = ChannelAccountStatus.Connected }, new RegistryChange(actor, ConnectedAction), cancellationToken);
        await AfterConnectedAsync(account, cancellationToken);
        return saved;
    }

    private async Task<Versioned<ChannelConnection>> SaveAccountAsync(
        ChannelAccount account, Versioned<ChannelConnection>? existing, Func<ChannelConnection?, ChannelConnection> shape, RegistryChange change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var updated = shape(existing?.Value) with { Status = ChannelAccountStatus.Connected };
                updated = updated.WithSecret(SecretKind.AccessToken, null);
                return existing is null
                    ? await registry.CreateAccountAsync(updated, change, cancellationToken)
                    : await registry.ReplaceAccountAsync(existing, updated, change, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < RegistryAttempts)
            {
                existing = await registry.GetAccountAsync(account.Channel, account.AccountId, cancellationToken);
                if (existing is not null && !string.Equals(existing.Value.Account.BrandId, account.BrandId, StringComparison.Ordinal))
                {
                    throw new ConnectionConflictException($"{account.Channel} account '{account.AccountId}' was registered to another brand meanwhile.");
                }
            }
            catch (Exception e) when (e is RegistryValidationException or StoreUnavailableException)
            {
                logger.RegistryUpdateFailed(account.Channel, account.BrandId, account.AccountId, e);
                throw;
            }
        }
    }

    private async Task AfterConnectedAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        await registryLoader.TryReloadAsync(ConnectedAction, cancellationToken);
        tokens.Forget(account);
        try
        {
            await alerts.ClearAsync(
                account.BrandId, AlertKind.ChannelAuthorizationRevoked, AlertSubject.ChannelAccount(account.Channel, account.AccountId),
                $"{account.Channel} account {account.AccountId} was connected again.", cancellationToken);
        }
        catch (Exception e) when (e is StoreUnavailableException or InvalidOperationException or ConcurrencyConflictException)
        {
            logger.AlertClearFailed(account.Channel, account.BrandId, account.AccountId, e);
        }
    }
}
