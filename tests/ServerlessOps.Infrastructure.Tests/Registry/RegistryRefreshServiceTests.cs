using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Registry;

/// <summary>The edge's cache against the real store: loaded at start, changed through the change feed, audit entries repaired.</summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class RegistryRefreshServiceTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private static readonly RegistryChange ByAdmin = new("admin-ana", RegistryChange.Created);

    // Frozen: the service's own poll timer never fires, so each test drives PollAsync itself.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly Microsoft.Extensions.Options.IOptions<RegistryOptions> _options = Microsoft.Extensions.Options.Options.Create(new RegistryOptions());

    [Fact]
    public async Task Start_LoadsTheRegistry_AndAnAccountAddedLaterReachesTheCacheThroughTheChangeFeed()
    {
        var (service, cache, registry) = Create();
        await registry.CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token);
        await service.StartAsync(Token);
        Assert.True(cache.Current.IsConfigured("acme"));
        Assert.False(cache.Current.TryResolve(SalesChannel.Shopify, "acme.myshopify.com", out _));

        await registry.CreateAccountAsync(RegistryTestData.Shopify(), ByAdmin, Token);
        await PollUntilAsync(service, () => cache.Current.TryResolve(SalesChannel.Shopify, "acme.myshopify.com", out _), "the new account in the cache");

        Assert.True(cache.Current.TryResolve(SalesChannel.Shopify, "ACME.myshopify.com", out var registration));
        Assert.Equal(["shopify-app-secret-0001"], registration.Credentials.Secrets);
        await service.StopAsync(Token);
    }

    [Fact]
    public async Task Poll_WithoutChanges_KeepsTheSameSnapshot()
    {
        var (service, cache, registry) = Create();
        await registry.CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token);
        await registry.CreateAccountAsync(RegistryTestData.Shopify(), ByAdmin, Token);
        await service.StartAsync(Token);
        var loaded = cache.SnapshotOrNull;

        await service.PollAsync(Token);
        await service.PollAsync(Token);

        Assert.Same(loaded, cache.SnapshotOrNull);
        await service.StopAsync(Token);
    }

    [Fact]
    public async Task Poll_AChangeWhoseAuditAppendWasLost_AppendsItFromTheDocument()
    {
        var (service, cache, registry) = Create();
        await registry.CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token);
        await service.StartAsync(Token);
        var account = RegistryTestData.Shopify();
        var lost = new RegistryAuditEntry("20261203T090000-lost", "acme", _time.GetUtcNow(), "admin-ana", "account shopify:acme.myshopify.com", RegistryChange.Created, []);

        // The write of a change whose writer died before appending its audit entry.
        await Containers.Registry.CreateItemAsync(RegistryDocument.ForAccount(account, lost), new PartitionKey(RegistryDocument.DirectoryPartition), cancellationToken: Token);
        await PollUntilAsync(service, () => cache.Current.TryResolve(SalesChannel.Shopify, "acme.myshopify.com", out _), "the account in the cache");

        Assert.Contains(await registry.ListAuditAsync("acme", Token), e => e.Id == lost.Id);
        await service.StopAsync(Token);
    }

    [Fact]
    public async Task Cache_BeforeTheFirstLoad_AnswersStoreUnavailableRatherThanUnknown()
    {
        var cache = new BrandDirectoryCache();

        Assert.False(cache.IsLoaded);
        Assert.Throws<StoreUnavailableException>(() => cache.Current);
    }

    private (RegistryRefreshService Service, BrandDirectoryCache Cache, CosmosBrandRegistry Registry) Create(IConfiguration? settings = null)
    {
        var registry = new CosmosBrandRegistry(Containers, Options, _options, _time, NullLogger<CosmosBrandRegistry>.Instance);
        var cache = new BrandDirectoryCache();
        var resolver = new SecretResolver(new NoVault(), _options, _time, NullLogger<SecretResolver>.Instance);
        var loader = new RegistryLoader(registry, new RegistrySnapshotBuilder(resolver, _time, NullLogger<RegistrySnapshotBuilder>.Instance), cache, NullLogger<RegistryLoader>.Instance);
        var seed = new SettingsRegistrySeed(settings ?? new ConfigurationBuilder().Build(), registry, _options, NullLogger<SettingsRegistrySeed>.Instance);
        return (new RegistryRefreshService(registry, Containers, cache, loader, seed, _options, _time, NullLogger<RegistryRefreshService>.Instance), cache, registry);
    }

    private static async Task PollUntilAsync(RegistryRefreshService service, Func<bool> condition, string awaited)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"Timed out waiting for {awaited}.");
            await service.PollAsync(deadline.Token);
        }
    }

    private sealed class NoVault : IKeyVaultSecretReader
    {
        public Task<string> ReadAsync(Uri secretUri, CancellationToken cancellationToken = default) =>
            throw new SecretUnavailableException($"No vault in this test ({secretUri}).");
    }
}
