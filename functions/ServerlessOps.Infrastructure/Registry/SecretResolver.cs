using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// Turns a <see cref="SecretReference"/> into its value where it is used. Local values are returned as they are (and
/// refused where <see cref="RegistryOptions.AllowLocalSecrets"/> is false); Key Vault values are read with the managed
/// identity and kept for <see cref="RegistryOptions.SecretCacheDuration"/>. When a read fails after that, the value
/// read last stays in use (a vault outage must not lock out every channel) and the failure is logged.
/// </summary>
public sealed class SecretResolver
{
    private readonly ConcurrentDictionary<Uri, CachedSecret> _cache = new();
    private readonly IKeyVaultSecretReader _vault;
    private readonly RegistryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SecretResolver> _logger;

    public SecretResolver(IKeyVaultSecretReader vault, IOptions<RegistryOptions> options, TimeProvider time, ILogger<SecretResolver> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _vault = vault;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <exception cref="SecretUnavailableException">The value cannot be had, and none was read before.</exception>
    public async ValueTask<string> ResolveAsync(SecretReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Source == SecretSource.Local)
        {
            if (!_options.AllowLocalSecrets)
            {
                throw new SecretUnavailableException("A local secret value is in the registry, but Registry:AllowLocalSecrets is false here: replace it with a Key Vault reference.");
            }

            return reference.LocalValue ?? throw new SecretUnavailableException("A local secret reference has no value.");
        }

        var uri = reference.KeyVaultUri ?? throw new SecretUnavailableException("A Key Vault secret reference has no URI.");
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(uri, out var cached) && now - cached.ReadAt < _options.SecretCacheDuration)
        {
            return cached.Value;
        }

        try
        {
            var value = await _vault.ReadAsync(uri, cancellationToken);
            _cache[uri] = new CachedSecret(value, now);
            return value;
        }
        catch (SecretUnavailableException e) when (cached is not null)
        {
            _logger.StaleSecretKept(uri.ToString(), e.Message, (long)(now - cached.ReadAt).TotalSeconds);
            return cached.Value;
        }
    }

    private sealed record CachedSecret(string Value, DateTimeOffset ReadAt)
    {
        public override string ToString() => $"CachedSecret {{ Value = ***, ReadAt = {ReadAt:O} }}";
    }
}
