using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Webhooks;

/// <summary>
/// What <c>Ingestion:AcknowledgeAfter</c> promises when only the queue service is down: the blob store still
/// answers, so a delivery can be stored (in a bundle blob, even one small enough to travel inside a queue message)
/// but not queued.
/// </summary>
public sealed class AcknowledgementPointTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StoredMode_QueueServiceDown_AcknowledgesFromABundleBlobAndLeavesItForTheRecoverySweep(bool tooBigForAMessage)
    {
        await using var outage = await QueueOutage.StartAsync(fixture, AcknowledgementPoint.Stored);

        // A small delivery's bundle would travel inside its queue message, whose send fails; a big one's never could.
        // Either way the bundle is written as a blob, acknowledged, and queued once the queue answers.
        var body = tooBigForAMessage
            ? Deliveries.ShopifyBody("shopify-orders-cancelled.json", node => node["note"] = new string('x', DeliveryBundleMessage.MaxInlineBytes))
            : Deliveries.ShopifyBody("shopify-orders-cancelled.json");
        var ack = await outage.Client.SendAcceptedAsync(Deliveries.Shopify(body, "orders/cancelled"));

        Assert.Equal("accepted", ack.Status);

        // The sweep's own question, asked as if StrandedAfter had passed: the bundle holding it is found, so it is not lost.
        var bundles = outage.Services.GetRequiredService<RawDeliveryBundles>();
        var stranded = new List<string>();
        await foreach (var name in bundles.ListWrittenBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), 100, Token))
        {
            stranded.AddRange((await bundles.ReadAsync(name, Token))!.Deliveries.Select(d => d.DeliveryKey));
        }

        Assert.Contains(ack.DeliveryKey, stranded);
    }

    [Fact]
    public async Task QueuedMode_QueueServiceDown_Is503SoTheChannelRetries()
    {
        await using var outage = await QueueOutage.StartAsync(fixture, AcknowledgementPoint.Queued);

        using var response = await outage.Client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"));

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "Retry later");
    }

    /// <summary>An app on an Azurite of its own whose queue process is killed once a first delivery went through.</summary>
    private sealed class QueueOutage : IAsyncDisposable
    {
        private readonly AzuriteFixture _azurite;
        private readonly FunctionAppFactory _factory;

        private QueueOutage(AzuriteFixture azurite, FunctionAppFactory factory)
        {
            _azurite = azurite;
            _factory = factory;
            Client = new AppClient(factory.CreateClient());
        }

        public AppClient Client { get; }

        public IServiceProvider Services => _factory.Services;

        public static async Task<QueueOutage> StartAsync(FunctionAppFixture fixture, AcknowledgementPoint acknowledgeAfter)
        {
            var azurite = await AzuriteFixture.StartAsync(Token);
            var settings = fixture.Settings(
                LocalStackSettings.NewRunId(),
                overrides: TestApp.TriggersOff(new Dictionary<string, string> { ["Ingestion:AcknowledgeAfter"] = acknowledgeAfter.ToString() }),
                azurite: azurite);
            var outage = new QueueOutage(azurite, new FunctionAppFactory(settings));

            await outage.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
            using var queueProcess = Process.GetProcessById(azurite.ProcessIds[1]);
            queueProcess.Kill();
            await queueProcess.WaitForExitAsync(Token);
            return outage;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _factory.DisposeAsync();
            await _azurite.DisposeAsync();
        }
    }
}
