using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Tests.Registry;

/// <summary>Brands and accounts for the registry tests, each valid as built.</summary>
internal static class RegistryTestData
{
    public static Brand Brand(string id = "acme") => new(
        id,
        "Acme Outfitters",
        "USD",
        "America/New_York",
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new BrandOwners("ops@acme.example", [new OwnerAssignment(BrandSignal.Inventory, SalesChannel.Amazon, "amazon-stock@acme.example")]),
        BrandPolicy.Default with { MarginFloorPercent = 22.5m, LateOrderCostByChannel = new Dictionary<SalesChannel, decimal> { [SalesChannel.Walmart] = 12.75m } });

    public static ChannelConnection Shopify(string brandId = "acme", string shop = "acme.myshopify.com", string secret = "shopify-app-secret-0001") => new(
        new ChannelAccount(brandId, SalesChannel.Shopify, shop),
        ChannelAccountStatus.Connected,
        WebhookSettings.None,
        new Dictionary<SecretKind, ChannelSecret> { [SecretKind.AppSecret] = new(SecretReference.Local(secret)) });

    public static ChannelConnection Walmart(string brandId = "acme") => new(
        new ChannelAccount(brandId, SalesChannel.Walmart, "10001234567"),
        ChannelAccountStatus.Connected,
        new WebhookSettings(AuthMethod: "Header", RequireSignature: true),
        new Dictionary<SecretKind, ChannelSecret>
        {
            [SecretKind.WebhookSecret] = new(SecretReference.KeyVault(new Uri("https://kv-test.vault.azure.net/secrets/brand-acme-walmart-0-secret"))),
            [SecretKind.SignatureSecret] = new(SecretReference.Local("wm-sec-signing-secret")),
        });
}
