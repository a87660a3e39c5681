using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.Brands;

public sealed class ChannelConnectionTests
{
    private static readonly Uri Vault = new("https://kv-acme.vault.azure.net/secrets/brand-acme-shopify-0-secret");

    private static ChannelConnection Shopify(SecretReference? secret = null) => new(
        new ChannelAccount("acme", SalesChannel.Shopify, "acme.myshopify.com"),
        ChannelAccountStatus.Connected,
        WebhookSettings.None,
        new Dictionary<SecretKind, ChannelSecret> { [SecretKind.AppSecret] = new(secret ?? SecretReference.KeyVault(Vault)) });

    [Fact]
    public void Validate_KeyVaultReference_IsValidEvenWhereLocalSecretsAreRefused() => Assert.Empty(Shopify().Validate(allowLocalSecrets: false));

    [Fact]
    public void Validate_LocalValue_OnlyWhereAllowed()
    {
        Assert.Empty(Shopify(SecretReference.Local("s3cret")).Validate(allowLocalSecrets: true));
        Assert.Equal(["secrets.appSecret.current"], Shopify(SecretReference.Local("s3cret")).Validate(allowLocalSecrets: false).Select(e => e.Field));
    }

    [Theory]
    [InlineData("http://kv-acme.vault.azure.net/secrets/x")]
    [InlineData("https://example.com/secrets/x")]
    [InlineData("https://kv-acme.vault.azure.net/keys/x")]
    [InlineData("https://kv-acme.vault.azure.net/secrets/x?version=1")]
    public void Validate_NotAKeyVaultSecretUri_NamesTheSecret(string uri) =>
        Assert.Equal(["secrets.appSecret.current"], Shopify(SecretReference.KeyVault(new Uri(uri))).Validate(true).Select(e => e.Field));

    [Fact]
    public void Validate_ConnectedWithoutItsWebhookSecret_NamesTheMissingKind()
    {
        var account = Shopify() with { Secrets = new Dictionary<SecretKind, ChannelSecret>() };

        Assert.Equal(["secrets.appSecret"], account.Validate(true).Select(e => e.Field));
        Assert.Empty((account with { Status = ChannelAccountStatus.AwaitingAuthorisation }).Validate(true));
    }

    [Fact]
    public void Validate_AKindTheChannelDoesNotHave_IsAnError()
    {
        var account = Shopify().WithSecret(SecretKind.SignatureSecret, new ChannelSecret(SecretReference.KeyVault(Vault)));

        Assert.Equal(["secrets.signatureSecret"], account.Validate(true).Select(e => e.Field));
    }

    [Fact]
    public void Validate_WalmartSettingsOnOtherChannels_AndUnknownWalmartMethod_AreErrors()
    {
        var shopify = Shopify() with { Webhook = new WebhookSettings(AuthMethod: "Header", RequireSignature: true) };
        var walmart = new ChannelConnection(
            new ChannelAccount("acme", SalesChannel.Walmart, "10001234567"), ChannelAccountStatus.Connected, new WebhookSettings(AuthMethod: "OAuth2-maybe"),
            new Dictionary<SecretKind, ChannelSecret> { [SecretKind.WebhookSecret] = new(SecretReference.KeyVault(Vault)) });

        Assert.Equal(["webhook.authMethod", "webhook.requireSignature"], shopify.Validate(true).Select(e => e.Field));
        Assert.Equal(["webhook.authMethod"], walmart.Validate(true).Select(e => e.Field));
    }

    [Fact]
    public void Secret_RotateThenDropPrevious_KeepsBothUntilDropped()
    {
        var at = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var secret = new ChannelSecret(SecretReference.Local("old"));

        var rotated = secret.Rotate(SecretReference.Local("new"), at);
        var dropped = rotated.DropPrevious();

        Assert.Equal(["new", "old"], rotated.Accepted().Select(r => r.LocalValue));
        Assert.Equal(at, rotated.RotatedAt);
        Assert.Equal(["new"], dropped.Accepted().Select(r => r.LocalValue));
    }

    [Fact]
    public void SecretReference_ToString_NeverShowsTheValue()
    {
        var account = Shopify(SecretReference.Local("value-that-must-not-print"));

        Assert.DoesNotContain("value-that-must-not-print", account.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("value-that-must-not-print", new ChannelCredentials(["value-that-must-not-print"]).ToString(), StringComparison.Ordinal);
        Assert.Equal("Local(***)", SecretReference.Local("value-that-must-not-print").ToString());
        Assert.Equal($"KeyVault({Vault})", SecretReference.KeyVault(Vault).ToString());
    }

    [Fact]
    public void Diff_ARotation_ShowsTheSecretFieldsOnlyAsChanged()
    {
        var before = Shopify(SecretReference.Local("old-value"));
        var after = before.WithSecret(SecretKind.AppSecret, before.Secret(SecretKind.AppSecret)!.Rotate(SecretReference.Local("new-value"), DateTimeOffset.UnixEpoch)) with
        {
            Status = ChannelAccountStatus.NeedsReauthorisation,
        };

        var changes = RegistryDiff.Between(before, after);

        Assert.Equal(
            [new FieldChange("secrets.appSecret.current", "changed", "changed"), new FieldChange("secrets.appSecret.previous", null, "changed"), new FieldChange("status", "Connected", "NeedsReauthorisation")],
            changes);
    }

    [Fact]
    public void Diff_APolicyField_IsNamedAndShownInvariantly()
    {
        var before = new Brand("acme", "Acme", "USD", "UTC", DateTimeOffset.UnixEpoch, new BrandOwners("ops@acme.example"), BrandPolicy.Default);

        var changes = RegistryDiff.Between(before, before with { Policy = before.Policy with { MonthlyCarryingCostRate = 0.035m } });

        Assert.Equal([new FieldChange("policy.monthlyCarryingCostRate", "0.02", "0.035")], changes);
    }
}
