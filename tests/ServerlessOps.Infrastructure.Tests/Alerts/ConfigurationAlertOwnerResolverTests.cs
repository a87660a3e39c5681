using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>Who an alert names, from the registry's owners of the brand.</summary>
public sealed class ConfigurationAlertOwnerResolverTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// A brand seeded from settings that name no owner holds the seed's placeholder address as its default owner (the
    /// registry requires one). Its alerts used to name that made-up address, and their chat message with it, instead of
    /// saying that nobody owns the signal.
    /// </summary>
    [Fact]
    public async Task BrandSeededWithoutAnOwner_ResolvesToNobody_SoTheAlertSaysUnassigned()
    {
        var resolver = ResolverFor(new BrandOwners(SettingsRegistrySeed.UnassignedOwner));

        var owner = await resolver.ResolveAsync("acme", BrandSignal.Pricing, SalesChannel.Shopify, Token);

        Assert.Null(owner);
    }

    [Fact]
    public async Task BrandWithoutAnOwner_ButOneForTheSignalOnTheChannel_ResolvesToThatOwner()
    {
        var resolver = ResolverFor(new BrandOwners(
            SettingsRegistrySeed.UnassignedOwner, [new OwnerAssignment(BrandSignal.Pricing, SalesChannel.Shopify, "pricing@acme.example")]));

        Assert.Equal("pricing@acme.example", await resolver.ResolveAsync("acme", BrandSignal.Pricing, SalesChannel.Shopify, Token));
        Assert.Null(await resolver.ResolveAsync("acme", BrandSignal.Pricing, SalesChannel.Amazon, Token));
    }

    private static ConfigurationAlertOwnerResolver ResolverFor(BrandOwners owners)
    {
        var brand = new Brand("acme", "Acme", "USD", "America/New_York", DateTimeOffset.UnixEpoch, owners, BrandPolicy.Default);
        var services = new ServiceCollection()
            .AddSingleton<IBrandDirectorySource>(new FixedDirectory(new BrandDirectory([brand], [])))
            .BuildServiceProvider();
        return new ConfigurationAlertOwnerResolver(new ConfigurationBuilder().Build(), services);
    }

    private sealed class FixedDirectory(BrandDirectory directory) : IBrandDirectorySource
    {
        public BrandDirectory Current => directory;
    }
}
