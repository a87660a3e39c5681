using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Infrastructure.Tests.Registry;

public sealed class SecretResolverTests
{
    private static readonly Uri SecretUri = new("https://kv-test.vault.azure.net/secrets/brand-acme-shopify-0-secret");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<SecretResolver> _logger = new();
    private readonly CountingVault _vault = new();

    private SecretResolver Resolver(bool allowLocal = true) => new(
        _vault, Microsoft.Extensions.Options.Options.Create(new RegistryOptions { AllowLocalSecrets = allowLocal, SecretCacheDuration = TimeSpan.FromMinutes(5) }), _time, _logger);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeyVaultSecret_ReadOnceWithinTheCacheDuration_ThenReadAgain()
    {
        var resolver = Resolver();
        _vault.Value = "v1";

        Assert.Equal("v1", await resolver.ResolveAsync(SecretReference.KeyVault(SecretUri), Token));
        _vault.Value = "v2";
        Assert.Equal("v1", await resolver.ResolveAsync(SecretReference.KeyVault(SecretUri), Token));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("v2", await resolver.ResolveAsync(SecretReference.KeyVault(SecretUri), Token));

        Assert.Equal(2, _vault.Reads);
    }

    [Fact]
    public async Task KeyVaultSecret_VaultDownAfterTheCacheExpires_KeepsTheLastValueAndLogsWithoutIt()
    {
        var resolver = Resolver();
        _vault.Value = "kept-secret-value-9931";
        await resolver.ResolveAsync(SecretReference.KeyVault(SecretUri), Token);
        _vault.Down = true;
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("kept-secret-value-9931", await resolver.ResolveAsync(SecretReference.KeyVault(SecretUri), Token));

        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(4406, record.Id.Id);
        Assert.DoesNotContain("kept-secret-value-9931", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyVaultSecret_NeverRead_AndVaultDown_IsUnavailable()
    {
        _vault.Down = true;

        await Assert.ThrowsAsync<SecretUnavailableException>(async () => await Resolver().ResolveAsync(SecretReference.KeyVault(SecretUri), Token));
    }

    [Fact]
    public async Task LocalSecret_IsItsValue_AndRefusedWhereLocalSecretsAreNotAllowed()
    {
        Assert.Equal("local-value", await Resolver().ResolveAsync(SecretReference.Local("local-value"), Token));

        var ex = await Assert.ThrowsAsync<SecretUnavailableException>(async () => await Resolver(allowLocal: false).ResolveAsync(SecretReference.Local("local-value"), Token));
        Assert.DoesNotContain("local-value", ex.Message, StringComparison.Ordinal);
    }

    private sealed class CountingVault : IKeyVaultSecretReader
    {
        public string Value { get; set; } = string.Empty;

        public bool Down { get; set; }

        public int Reads { get; private set; }

        public Task<string> ReadAsync(Uri secretUri, CancellationToken cancellationToken = default)
        {
            Reads++;
            return Down ? throw new SecretUnavailableException($"Key Vault answered 503 for {secretUri}.") : Task.FromResult(Value);
        }
    }
}
