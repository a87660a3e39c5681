using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// Builds a <see cref="RegistrySnapshot"/> from the registry's documents: resolves every secret (a few at a time, so a
/// registry of hundreds of Key Vault references loads in seconds) and gives the edge each account's webhook credentials.
/// A secret that cannot be resolved is left out and logged; the account then refuses what it cannot authenticate.
/// </summary>
public sealed class RegistrySnapshotBuilder(SecretResolver secrets, TimeProvider time, ILogger<RegistrySnapshotBuilder> logger)
{
    private const int ResolveConcurrency = 8;

    public async Task<RegistrySnapshot> BuildAsync(IReadOnlyList<RegistryDocument> brands, IReadOnlyList<RegistryDocument> accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(accounts);
        var resolved = new ResolvedAccount[accounts.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, accounts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ResolveConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => resolved[i] = await ResolveAsync(accounts[i].Account!, ct));

        var directory = new BrandDirectory(brands.Select(b => b.Brand!), resolved.Select(Registration));
        var versions = brands.Concat(accounts).Where(d => d.ETag is not null).ToDictionary(d => d.Id, d => d.ETag!, StringComparer.Ordinal);
        return new RegistrySnapshot(directory, resolved, versions, time.GetUtcNow());
    }

    /// <summary>What the webhook edge checks deliveries of this account with.</summary>
    public static ChannelAccountRegistration Registration(ResolvedAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var connection = account.Connection;
        var webhook = connection.Webhook ?? WebhookSettings.None;
        var signature = connection.Account.Channel == SalesChannel.Walmart ? account.Accepted(SecretKind.SignatureSecret) : [];
        var credentials = new ChannelCredentials(
            account.Accepted(SecretKinds.WebhookKind(connection.Account.Channel)),
            webhook.AppKey,
            webhook.CredentialHeader,
            webhook.AuthMethod,
            signature.Count > 0 ? signature : null,
            webhook.RequireSignature);
        return new ChannelAccountRegistration(connection.Account, credentials, connection.Status);
    }

    private async Task<ResolvedAccount> ResolveAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var values = new Dictionary<SecretKind, ResolvedSecret>();
        foreach (var (kind, secret) in connection.Secrets)
        {
            var current = await TryResolveAsync(connection, kind, "current", secret.Current, cancellationToken);
            var previous = secret.Previous is null ? null : await TryResolveAsync(connection, kind, "previous", secret.Previous, cancellationToken);
            values[kind] = new ResolvedSecret(current, previous);
        }

        return new ResolvedAccount(connection, values);
    }

    private async Task<string?> TryResolveAsync(ChannelConnection connection, SecretKind kind, string which, SecretReference reference, CancellationToken cancellationToken)
    {
        try
        {
            return await secrets.ResolveAsync(reference, cancellationToken);
        }
        catch (SecretUnavailableException e)
        {
            var account = connection.Account;
            logger.SecretUnresolved(account.BrandId, account.Channel.Slug(), account.AccountId, kind.Slug(), which, e.Message);
            return null;
        }
    }
}
