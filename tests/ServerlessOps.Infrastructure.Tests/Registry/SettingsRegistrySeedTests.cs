using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Infrastructure.Tests.Registry;

[Collection(SharedCosmosEmulator.Name)]
public sealed class SettingsRegistrySeedTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Seed_RunTwice_CreatesTheBrandAndEveryAccountOnceWithTheSettingsSeedAsActor()
    {
        var (seed, registry) = Create(Settings(ScenarioAccounts.Default.ToConfiguration()));

        await seed.SeedAsync(Token);
        await seed.SeedAsync(Token);

        var brand = await registry.GetBrandAsync("acme", Token);
        Assert.Equal(("Acme Outfitters", "USD", "UTC", "ops@acme-outfitters.example"), (brand!.Value.DisplayName, brand.Value.BaseCurrency, brand.Value.TimeZone, brand.Value.Owners.Default));
        Assert.Equal(DateTimeOffset.UnixEpoch, brand.Value.GoLive);
        var accounts = await registry.ListAccountsAsync(Token);
        Assert.Equal(4, accounts.Count);
        var tiktok = accounts.Single(a => a.Value.Account.Channel == SalesChannel.TikTokShop).Value;
        Assert.Equal(("test-tts-app-key", "TTP_EXAMPLECIPHER"), (tiktok.Webhook.AppKey, tiktok.ShopCipher));
        Assert.Equal("test-tts-app-secret", tiktok.Secret(SecretKind.AppSecret)!.Current.LocalValue);
        Assert.Equal("test-tts-access-token", tiktok.Secret(SecretKind.AccessToken)!.Current.LocalValue);
        var audit = await registry.ListAuditAsync("acme", Token);
        Assert.Equal(5, audit.Count);
        Assert.All(audit, e => Assert.Equal((RegistryAuditEntry.SettingsSeedActor, RegistryChange.Created), (e.Actor, e.Action)));
    }

    [Fact]
    public async Task Seed_AfterTheRegistryChanged_LeavesTheRegistryAsItIs()
    {
        var (seed, registry) = Create(Settings(ScenarioAccounts.Default.ToConfiguration()));
        await seed.SeedAsync(Token);
        var brand = await registry.GetBrandAsync("acme", Token);
        await registry.ReplaceBrandAsync(brand!, brand!.Value with { DisplayName = "Acme (renamed by admin)" }, new RegistryChange("admin-ana", RegistryChange.Updated), Token);

        var (again, _) = Create(Settings(ScenarioAccounts.Default.ToConfiguration(), new() { ["Brands:acme:DisplayName"] = "Acme from settings" }));
        await again.SeedAsync(Token);

        Assert.Equal("Acme (renamed by admin)", (await registry.GetBrandAsync("acme", Token))!.Value.DisplayName);
        Assert.Equal(6, (await registry.ListAuditAsync("acme", Token)).Count);
    }

    [Fact]
    public async Task Seed_WhereLocalSecretsAreRefused_RefersToTheVaultSecretsBicepNames()
    {
        var options = new RegistryOptions { AllowLocalSecrets = false, KeyVaultUri = new Uri("https://kv-test-abc.vault.azure.net/") };
        var settings = Settings(ScenarioAccounts.Default.ToConfiguration(), new() { ["Brands:acme:Accounts:0:PreviousSecret"] = "resolved-previous-value" });
        var (seed, registry) = Create(settings, options);

        await seed.SeedAsync(Token);

        var shopify = (await registry.GetAccountAsync(SalesChannel.Shopify, "acme-outfitters.myshopify.com", Token))!.Value.Secret(SecretKind.AppSecret)!;
        Assert.Equal(new Uri("https://kv-test-abc.vault.azure.net/secrets/brand-acme-shopify-0-secret"), shopify.Current.KeyVaultUri);
        Assert.Equal(new Uri("https://kv-test-abc.vault.azure.net/secrets/brand-acme-shopify-0-previous-secret"), shopify.Previous!.KeyVaultUri);
        var tiktok = (await registry.GetAccountAsync(SalesChannel.TikTokShop, "7495512345678901234", Token))!.Value;
        Assert.Equal(new Uri("https://kv-test-abc.vault.azure.net/secrets/brand-acme-tiktokshop-3-access-token"), tiktok.Secret(SecretKind.AccessToken)!.Current.KeyVaultUri);
        Assert.All((await registry.ListAccountsAsync(Token)).SelectMany(a => a.Value.Secrets.Values), s => Assert.Equal(SecretSource.KeyVault, s.Current.Source));
    }

    [Fact]
    public async Task Seed_AnUnresolvedKeyVaultReferenceInASetting_IsNotStoredAsASecret()
    {
        var settings = Settings(ScenarioAccounts.Default.ToConfiguration(), new() { ["Brands:acme:Accounts:2:PreviousSecret"] = "@Microsoft.KeyVault(VaultName=kv;SecretName=missing)" });
        var (seed, registry) = Create(settings);

        await seed.SeedAsync(Token);

        var walmart = (await registry.GetAccountAsync(SalesChannel.Walmart, "10001234567", Token))!.Value.Secret(SecretKind.WebhookSecret)!;
        Assert.Equal("test-walmart-webhook-secret", walmart.Current.LocalValue);
        Assert.Null(walmart.Previous);
    }

    private (SettingsRegistrySeed Seed, CosmosBrandRegistry Registry) Create(IConfiguration settings, RegistryOptions? options = null)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options ?? new RegistryOptions());
        var registry = new CosmosBrandRegistry(Containers, Options, wrapped, _time, NullLogger<CosmosBrandRegistry>.Instance);
        return (new SettingsRegistrySeed(settings, registry, wrapped, NullLogger<SettingsRegistrySeed>.Instance), registry);
    }

    private static IConfiguration Settings(IEnumerable<KeyValuePair<string, string?>> settings, Dictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).AddInMemoryCollection(overrides ?? []).Build();
}
