using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Registry;

[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosBrandRegistryTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private static readonly RegistryChange ByAdmin = new("admin-ana", RegistryChange.Updated);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    private CosmosBrandRegistry Registry(bool allowLocalSecrets = true) => new(
        Containers, Options, Microsoft.Extensions.Options.Options.Create(new RegistryOptions { AllowLocalSecrets = allowLocalSecrets }), _time, NullLogger<CosmosBrandRegistry>.Instance);

    [Fact]
    public async Task Brand_CreatedThenRead_RoundTripsEveryFieldWithItsETag()
    {
        var created = await Registry().CreateBrandAsync(RegistryTestData.Brand(), new RegistryChange("admin-ana", RegistryChange.Created), Token);

        var read = await Registry().GetBrandAsync("acme", Token);
        var listed = await Registry().ListBrandsAsync(Token);

        Assert.NotNull(read);
        Assert.Equal(created.ETag, read.ETag);
        Assert.Equal(22.5m, read.Value.Policy.MarginFloorPercent);
        Assert.Equal(12.75m, read.Value.Policy.LateOrderCost(SalesChannel.Walmart));
        Assert.Equal(10m, read.Value.Policy.LateOrderCost(SalesChannel.Shopify));
        Assert.Equal("amazon-stock@acme.example", read.Value.Owners.For(BrandSignal.Inventory, SalesChannel.Amazon));
        Assert.Equal("ops@acme.example", read.Value.Owners.For(BrandSignal.Inventory, SalesChannel.Shopify));
        Assert.Equal(RegistryTestData.Brand().GoLive, read.Value.GoLive);
        Assert.Equal(["acme"], listed.Select(b => b.Value.Id));
    }

    [Fact]
    public async Task ReplaceBrand_TwoWritersFromTheSameVersion_OnlyOneWinsAndTheOtherGetsAConflict()
    {
        var registry = Registry();
        var original = await registry.CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token);

        var first = registry.ReplaceBrandAsync(original, original.Value with { DisplayName = "Acme One" }, ByAdmin, Token);
        var second = registry.ReplaceBrandAsync(original, original.Value with { DisplayName = "Acme Two" }, ByAdmin, Token);
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is ConcurrencyConflictException);
        var stored = await registry.GetBrandAsync("acme", Token);
        Assert.Contains(stored!.Value.DisplayName, new[] { "Acme One", "Acme Two" });
    }

    [Fact]
    public async Task CreateBrand_Twice_SecondIsAConflict()
    {
        await Registry().CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Registry().CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token));
    }

    [Fact]
    public async Task CreateBrand_Invalid_IsRefusedNamingEveryField()
    {
        var brand = RegistryTestData.Brand() with { BaseCurrency = "usd", TimeZone = "Mars/Olympus_Mons" };

        var ex = await Assert.ThrowsAsync<RegistryValidationException>(() => Registry().CreateBrandAsync(brand, ByAdmin, Token));

        Assert.Equal(["baseCurrency", "timeZone"], ex.Errors.Select(e => e.Field));
        Assert.Null(await Registry().GetBrandAsync("acme", Token));
    }

    [Fact]
    public async Task Account_CreatedThenRead_KeepsSecretReferencesAndSettings()
    {
        var registry = Registry();
        await registry.CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token);
        await registry.CreateAccountAsync(RegistryTestData.Walmart(), ByAdmin, Token);

        var read = await registry.GetAccountAsync(SalesChannel.Walmart, "10001234567", Token);
        var all = await registry.ListAccountsAsync(Token);

        Assert.NotNull(read);
        Assert.True(read.Value.Webhook.RequireSignature);
        Assert.Equal(RegistryTestData.Walmart().Secret(SecretKind.WebhookSecret), read.Value.Secret(SecretKind.WebhookSecret));
        Assert.Equal("wm-sec-signing-secret", read.Value.Secret(SecretKind.SignatureSecret)!.Current.LocalValue);
        Assert.Single(all);
    }

    [Fact]
    public async Task CreateAccount_SameAccountInAnotherCaseOrForAnotherBrand_IsAConflict()
    {
        var registry = Registry();
        await registry.CreateBrandAsync(RegistryTestData.Brand("acme"), ByAdmin, Token);
        await registry.CreateBrandAsync(RegistryTestData.Brand("globex"), ByAdmin, Token);
        await registry.CreateAccountAsync(RegistryTestData.Shopify("acme", "acme.myshopify.com"), ByAdmin, Token);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => registry.CreateAccountAsync(RegistryTestData.Shopify("globex", "ACME.myshopify.com"), ByAdmin, Token));
        Assert.Equal("acme", (await registry.GetAccountAsync(SalesChannel.Shopify, "Acme.MyShopify.com", Token))!.Value.Account.BrandId);
    }

    [Fact]
    public async Task CreateAccount_ForABrandNotInTheRegistry_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<RegistryValidationException>(() => Registry().CreateAccountAsync(RegistryTestData.Shopify("nobody"), ByAdmin, Token));

        Assert.Equal("brandId", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public async Task CreateAccount_LocalSecretWhereOnlyKeyVaultIsAllowed_IsRefused()
    {
        await Registry().CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token);

        var ex = await Assert.ThrowsAsync<RegistryValidationException>(() => Registry(allowLocalSecrets: false).CreateAccountAsync(RegistryTestData.Walmart(), ByAdmin, Token));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("secrets.signatureSecret.current", error.Field);
        Assert.Contains("AllowLocalSecrets", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wm-sec-signing-secret", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_EveryChange_IsListedNewestFirstWithWhoWhenAndFieldsAndNoSecretValue()
    {
        var registry = Registry();
        await registry.CreateBrandAsync(RegistryTestData.Brand(), new RegistryChange("admin-ana", RegistryChange.Created), Token);
        _time.Advance(TimeSpan.FromMinutes(1));
        var account = await registry.CreateAccountAsync(RegistryTestData.Shopify(), new RegistryChange("admin-ana", RegistryChange.Created), Token);
        _time.Advance(TimeSpan.FromMinutes(5));
        var secret = account.Value.Secret(SecretKind.AppSecret)!;
        await registry.ReplaceAccountAsync(
            account, account.Value.WithSecret(SecretKind.AppSecret, secret.Rotate(SecretReference.Local("shopify-app-secret-0002"), _time.GetUtcNow())),
            new RegistryChange("admin-bo", RegistryChange.SecretRotated), Token);

        var audit = await registry.ListAuditAsync("acme", Token);

        Assert.Equal(3, audit.Count);
        var rotation = audit[0];
        Assert.Equal(("admin-bo", RegistryChange.SecretRotated, "account shopify:acme.myshopify.com"), (rotation.Actor, rotation.Action, rotation.Subject));
        Assert.Equal(_time.GetUtcNow(), rotation.At);
        Assert.Equal(["secrets.appSecret.current", "secrets.appSecret.previous"], rotation.Changes.Select(c => c.Field));
        Assert.All(rotation.Changes, c => Assert.Equal(FieldChange.SecretMarker, c.To));
        Assert.Equal("brand", audit[2].Subject);
        Assert.Contains(audit[2].Changes, c => c.Field == "policy.marginFloorPercent" && c.To == "22.5");
        var text = System.Text.Json.JsonSerializer.Serialize(audit);
        Assert.DoesNotContain("shopify-app-secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_WithoutAnyChange_WritesNothingAndKeepsTheETag()
    {
        var registry = Registry();
        var created = await registry.CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token);

        var same = await registry.ReplaceBrandAsync(created, RegistryTestData.Brand(), ByAdmin, Token);

        Assert.Equal(created.ETag, same.ETag);
        Assert.Single(await registry.ListAuditAsync("acme", Token));
    }

    [Fact]
    public async Task EnsureAudited_AnEntryAlreadyAppended_IsNotDuplicated()
    {
        var registry = Registry();
        await registry.CreateBrandAsync(RegistryTestData.Brand(), ByAdmin, Token);
        var entry = Assert.Single(await registry.ListAuditAsync("acme", Token));

        await registry.EnsureAuditedAsync(entry, Token);

        Assert.Single(await registry.ListAuditAsync("acme", Token));
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (ConcurrencyConflictException e)
        {
            return e;
        }
    }
}
