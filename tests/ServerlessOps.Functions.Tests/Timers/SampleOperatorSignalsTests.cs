using System.Diagnostics.Metrics;
using System.Net;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Infrastructure.Telemetry;
using ServerlessOps.Standalone.Timers;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// The operator signals as an exporter sees them (a <see cref="MeterListener"/> on the app's meters), against the real
/// stores on Azurite and the Cosmos server: poison-queue depth, quarantine size and task hub backlog sampled by the
/// timer, and the edge's 401 counter. Triggers are off so nothing drains the poison queues between put and sample.
/// </summary>
public sealed class SampleOperatorSignalsTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PoisonQueueDepth_OneMessageInThePushPoisonQueue_IsReportedAsOne_AndTheOthersAsZero()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        using var signals = new SignalListener(app.Services.GetRequiredService<IMeterFactory>());
        var poison = app.Services.GetRequiredService<QueueServiceClient>()
            .GetQueueClient(app.Services.GetRequiredService<IOptions<InventoryPushOptions>>().Value.QueueName + "-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: Token);
        await poison.SendMessageAsync("{\"brandId\":\"acme\"}", Token);

        await SampleAsync(app);

        Assert.Equal(1, signals.Gauge(OperatorSignalNames.PoisonQueueDepth, ("queue", poison.Name)));
        var deliveries = app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.PoisonQueueName;
        Assert.Equal(0, signals.Gauge(OperatorSignalNames.PoisonQueueDepth, ("queue", deliveries)));
        Assert.Equal(4, signals.Series(OperatorSignalNames.PoisonQueueDepth).Count);
    }

    [Fact]
    public async Task QuarantineOpen_AnAuthenticDeliveryThatCannotBeRead_IsReportedAsOneForItsBrand()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        using var signals = new SignalListener(app.Services.GetRequiredService<IMeterFactory>());
        await SampleAsync(app);
        Assert.Equal(0, signals.Gauge(OperatorSignalNames.QuarantineOpen, ("brand", ScenarioAccounts.Default.BrandId)));

        // Signed correctly but not JSON: the edge answers 400 and keeps it in quarantine (WebhookReceiver.KeepRejectedAsync).
        using (var response = await app.Client.SendAsync(Deliveries.Shopify(Deliveries.Utf8("{\"id\": 1, \"line_items\": ["), "orders/create")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        await SampleAsync(app);

        Assert.Equal(1, signals.Gauge(OperatorSignalNames.QuarantineOpen, ("brand", ScenarioAccounts.Default.BrandId)));
    }

    [Fact]
    public async Task WebhookUnauthorized_AForgedShopifyDelivery_CountsOneForShopifyOnly()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        using var signals = new SignalListener(app.Services.GetRequiredService<IMeterFactory>());
        var forger = ScenarioAccounts.Default with { ShopifySecret = "forged-shopify-secret-5150" };

        using (var forged = await app.Client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", accounts: forger)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        // A genuine delivery beside it is not counted anywhere.
        await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));

        Assert.Equal(1, signals.Counter(OperatorSignalNames.WebhookUnauthorized, ("channel", SalesChannel.Shopify.Slug())));
        Assert.Equal(0, signals.Counter(OperatorSignalNames.WebhookUnauthorized, ("channel", SalesChannel.Amazon.Slug())));
        Assert.Empty(signals.Series(OperatorSignalNames.WebhookServerErrors));
    }

    [Fact]
    public async Task TaskHubBacklog_IsReportedForEveryControlQueueAndTheWorkItemQueue()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        using var signals = new SignalListener(app.Services.GetRequiredService<IMeterFactory>());

        await SampleAsync(app);

        var expected = app.Services.GetRequiredService<TaskHubQueueNames>().Names;
        Assert.Contains(expected, n => n.EndsWith("-workitems", StringComparison.Ordinal));
        Assert.Contains(expected, n => n.EndsWith("-control-00", StringComparison.Ordinal));
        var reported = signals.Series(OperatorSignalNames.TaskHubBacklog);
        Assert.Equal(expected.Select(n => $"queue={n}").Order(StringComparer.Ordinal), reported.Keys.Order(StringComparer.Ordinal));
        Assert.All(reported.Values, depth => Assert.True(depth >= 0));
    }

    private static Task SampleAsync(TestApp app) =>
        app.Services.GetServices<ITimerFunction>().OfType<SampleOperatorSignals>().Single().RunAsync(Token);
}
