using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Infrastructure.OrderFlow;
using ServerlessOps.Infrastructure.Tests.Alerts;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.OrderFlow;

/// <summary>Claims on restarting an ended order flow run, on the real Cosmos server.</summary>
[Collection(SharedAlertEmulators.Name)]
public sealed class OrderFlowRestartClaimsTests(CosmosServerFixture cosmos, AzuriteFixture azurite)
{
    private static readonly DateTimeOffset EndedAt = new(2026, 12, 3, 8, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryClaim_SecondRetryOfOneRun_IsRefused_AndAnotherRunCanBeClaimed()
    {
        await using var host = await AlertsTestHost.StartAsync(AlertsTestHost.NewSettings(cosmos, azurite, webhook: null), _clock);
        var claims = ActivatorUtilities.CreateInstance<CosmosOrderFlowRestartClaims>(host.Services);

        Assert.True(await claims.TryClaimAsync(AlertsTestHost.BrandId, "shopify:1001", EndedAt, "ana", Token));
        Assert.False(await claims.TryClaimAsync(AlertsTestHost.BrandId, "shopify:1001", EndedAt, "ben", Token));
        Assert.True(await claims.TryClaimAsync(AlertsTestHost.BrandId, "shopify:1001", EndedAt.AddHours(1), "ben", Token));
    }

    /// <summary>
    /// A retry claimed a run's restart and failed (or died) before scheduling it: the run is still ended. Within a minute
    /// its claim stands; after it, the next retry takes it over, once. It used to stand for good, every later retry of
    /// the run answered "already being restarted".
    /// </summary>
    [Fact]
    public async Task TryClaim_ClaimLeftByARetryThatNeverScheduled_IsTakenOverAfterAMinute_ByOneRetry()
    {
        await using var host = await AlertsTestHost.StartAsync(AlertsTestHost.NewSettings(cosmos, azurite, webhook: null), _clock);
        var claims = ActivatorUtilities.CreateInstance<CosmosOrderFlowRestartClaims>(host.Services);
        Assert.True(await claims.TryClaimAsync(AlertsTestHost.BrandId, "shopify:1002", EndedAt, "ana", Token));

        _clock.Advance(CosmosOrderFlowRestartClaims.AbandonedAfter - TimeSpan.FromSeconds(1));
        Assert.False(await claims.TryClaimAsync(AlertsTestHost.BrandId, "shopify:1002", EndedAt, "ben", Token));

        _clock.Advance(TimeSpan.FromSeconds(2));
        var racing = await Task.WhenAll(
            claims.TryClaimAsync(AlertsTestHost.BrandId, "shopify:1002", EndedAt, "ben", Token),
            claims.TryClaimAsync(AlertsTestHost.BrandId, "shopify:1002", EndedAt, "cat", Token));
        Assert.Single(racing, won => won);
    }
}
