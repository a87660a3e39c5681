using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// <see cref="IKeyVaultSecretReader"/> with the Azure SDK and the app's managed identity (<see cref="RegistryOptions.ClientId"/>,
/// else DefaultAzureCredential), one <see cref="SecretClient"/> per vault. SDK failures become <see cref="SecretUnavailableException"/>.
/// </summary>
public sealed class KeyVaultSecretReader : IKeyVaultSecretReader
{
    private readonly ConcurrentDictionary<Uri, SecretClient> _clients = new();
    private readonly Lazy<TokenCredential> _credential;

    public KeyVaultSecretReader(IOptions<RegistryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientId = options.Value.ClientId;
        _credential = new Lazy<TokenCredential>(() => string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId.Trim())));
    }

    public async Task<string> ReadAsync(Uri secretUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secretUri);
        var identifier = new KeyVaultSecretIdentifier(secretUri);
        var client = _clients.GetOrAdd(identifier.VaultUri, vault => new SecretClient(vault, _credential.Value));
        try
        {
            var secret = await client.GetSecretAsync(identifier.Name, identifier.Version, cancellationToken);
            return secret.Value.Value ?? throw new SecretUnavailableException($"Key Vault secret {secretUri} has no value.");
        }
        catch (RequestFailedException e)
        {
            throw new SecretUnavailableException($"Key Vault answered {e.Status} ({e.ErrorCode}) for {secretUri}.", e);
        }
        catch (AuthenticationFailedException e)
        {
            throw new SecretUnavailableException($"The app's identity could not get a token for Key Vault to read {secretUri}.", e);
        }
    }
}
