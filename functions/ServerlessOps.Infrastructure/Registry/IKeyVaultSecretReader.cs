namespace ServerlessOps.Infrastructure.Registry;

/// <summary>Reads one Key Vault secret's value; the seam between <see cref="SecretResolver"/> and the Azure SDK.</summary>
public interface IKeyVaultSecretReader
{
    /// <param name="secretUri"><c>https://{vault}/secrets/{name}[/{version}]</c>; versionless reads the current version.</param>
    /// <exception cref="SecretUnavailableException">Missing, forbidden, or the vault cannot be reached.</exception>
    Task<string> ReadAsync(Uri secretUri, CancellationToken cancellationToken = default);
}
