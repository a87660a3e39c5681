using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>The gauge of unresolved alerts: what one instance reports as it writes, and what another reads from the rollup.</summary>
[Collection(SharedAlertEmulators.Name)]
public sealed class AlertMetricsTests(CosmosServerFixture cosmos, AzuriteFixture azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAlertsGauge_AfterRaisesAcknowledgementAndResolution_ReportsUnresolvedByKindAndState()
    {
        var settings = AlertsTestHost.NewSettings(cosmos, azurite, webhook: null);
        await using var host = await AlertsTestHost.StartAsync(settings);
        using var gauge = new MetricCollector<int>(host.Services.GetRequiredService<IMeterFactory>(), AlertMetrics.MeterName, AlertMetrics.OpenAlertsGauge);

        var first = await host.Raiser.RaiseAsync(Raise(AlertKind.SlaMissed, AlertSubject.Order("shopify:1")), Token);
        await host.Raiser.RaiseAsync(Raise(AlertKind.SlaMissed, AlertSubject.Order("shopify:2")), Token);
        await host.Raiser.RaiseAsync(Raise(AlertKind.SlaMissed, AlertSubject.Order("shopify:2")), Token);
        var push = await host.Raiser.RaiseAsync(Raise(AlertKind.PushFailed, AlertSubject.Listing(SalesChannel.Amazon, "TEE")), Token);
        await host.Updater.AcknowledgeAsync(AlertsTestHost.BrandId, first.Alert.Id, "ana", Token);
        await host.Updater.ResolveAsync(AlertsTestHost.BrandId, push.Alert.Id, "ana", null, Token);

        gauge.RecordObservableInstruments();
        var reported = Latest(gauge);

        Assert.Equal(1, reported[("sla-missed", "open")]);
        Assert.Equal(1, reported[("sla-missed", "acknowledged")]);
        Assert.Equal(0, reported[("push-failed", "open")]);
        Assert.Equal(AlertKinds.All.Count * 2, reported.Count);
        Assert.All(reported.Where(r => r.Key.Kind is not "sla-missed"), r => Assert.Equal(0, r.Value));

        // A second instance that wrote nothing learns the same counts from the brand's rollup record.
        await using var other = await AlertsTestHost.StartAsync(settings);
        using var otherGauge = new MetricCollector<int>(other.Services.GetRequiredService<IMeterFactory>(), AlertMetrics.MeterName, AlertMetrics.OpenAlertsGauge);
        otherGauge.RecordObservableInstruments();
        Assert.Empty(otherGauge.GetMeasurementSnapshot());

        await other.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AlertMetricsRefresher>().Single().RefreshAsync(Token);
        otherGauge.RecordObservableInstruments();

        Assert.Equal(reported, Latest(otherGauge));
    }

    private static Dictionary<(string Kind, string State), int> Latest(MetricCollector<int> gauge) =>
        gauge.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["brand"], AlertsTestHost.BrandId))
            .GroupBy(m => ((string)m.Tags["kind"]!, (string)m.Tags["state"]!))
            .ToDictionary(g => g.Key, g => g.Last().Value);

    private static AlertRaise Raise(AlertKind kind, AlertSubject subject) =>
        new(AlertsTestHost.BrandId, kind, subject, $"{kind} on {subject}.");
}
