using System.Diagnostics.Metrics;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Infrastructure.Telemetry;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// Order flow admission on the real engine (Azurite) and stores (Cosmos server): new flows past the engine-backlog bound
/// wait, then every one starts once and runs; with the bound off nothing waits and nothing is read.
/// </summary>
public sealed class OrderFlowAdmissionTests(FunctionAppFixture fixture)
{
    private const string Brand = "acme";
    private const string Warehouse = "wh-1";
    private const int Orders = 12;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FlowsPastTheBacklogBound_WaitThenEveryOneStartsOnceAndReserves()
    {
        await using var flow = Start(out var catalog, maxBacklog: 1);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 100);
        var admission = flow.App.Services.GetRequiredService<OrderFlowAdmission>();
        using var held = new HeldWaits(flow.App.Services.GetRequiredService<IMeterFactory>());
        var orders = Enumerable.Range(1, Orders).Select(i => Order($"adm-{i}")).ToList();

        // Each returns once its order is stored and its flow scheduled: with room for one message, most had to wait.
        await Task.WhenAll(orders.Select(flow.ConvergeAsync));

        Assert.InRange(admission.HeldBack, 1, Orders);
        Assert.Equal(admission.HeldBack, held.Count);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 100, reserved: Orders);
        foreach (var order in orders)
        {
            Assert.NotNull(await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token));
        }

        var reserves = (await flow.Ledger.ListEntriesAsync(Brand, "SKU-A", 100, Token)).Where(e => e.Movement.Kind == StockMovementKind.Reserve).ToList();
        Assert.Equal(Orders, reserves.Count);
        Assert.Equal(Orders, reserves.Select(e => e.Movement.Cause).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task BacklogReading_LeavesOutTheTimersOfFlowsWaitingForShipment()
    {
        await using var flow = Start(out var catalog, maxBacklog: 50);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 100);
        var orders = Enumerable.Range(1, 3).Select(i => Order($"timer-{i}")).ToList();
        await Task.WhenAll(orders.Select(flow.ConvergeAsync));
        await flow.WaitForBalanceAsync("SKU-A", onHand: 100, reserved: 3);

        // Every flow now waits for its shipment under its SLA timer: the control queues hold the timers, invisible.
        var gauge = flow.App.Services.GetRequiredService<EngineBacklogGauge>();
        var backlog = await Poll.UntilAsync(async ct => await gauge.ReadAsync(ct) is { Total: 0 } idle ? idle : null, "an idle engine backlog");
        var queues = flow.App.Services.GetRequiredService<QueueServiceClient>();
        var timers = 0;
        foreach (var name in flow.App.Services.GetRequiredService<TaskHubQueueNames>().Names.Where(n => n.Contains("-control-", StringComparison.Ordinal)))
        {
            timers += (await queues.GetQueueClient(name).GetPropertiesAsync(Token)).Value.ApproximateMessagesCount;
        }

        Assert.Equal(0, backlog.WorkItems);
        Assert.True(timers >= orders.Count, $"{timers} control-queue messages, expected a timer per waiting flow");
    }

    [Fact]
    public async Task BacklogReading_CountsVisibleControlMessagesWrittenAsTheEngineWritesThem()
    {
        // The engine's queues hold UTF-8 JSON (its default encoding). The gauge once peeked them through the app's Base64
        // client, and every read with a visible control message threw (seen in CI once Azurite answered faster). The app
        // builds its gauge with For, as here.
        var storage = new StorageOptions { ConnectionString = fixture.Azurite.ConnectionString };
        var hub = TaskHubQueueNames.For("gauge" + Guid.NewGuid().ToString("N")[..12], partitionCount: 2);
        var raw = StorageClients.CreateQueueService(storage, StorageProfile.Background, QueueMessageEncoding.None);
        foreach (var name in hub.Names)
        {
            await raw.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: Token);
        }

        var control = raw.GetQueueClient(hub.Names.First(n => n.Contains("-control-", StringComparison.Ordinal)));
        await control.SendMessageAsync("""{"$type":"DurableTask.AzureStorage.MessageData","ActivityId":"a1"}""", Token);
        await control.SendMessageAsync("""{"$type":"DurableTask.AzureStorage.MessageData","ActivityId":"a2"}""", Token);
        await control.SendMessageAsync("a timer", visibilityTimeout: TimeSpan.FromMinutes(10), cancellationToken: Token);

        var backlog = await EngineBacklogGauge.For(storage, hub).ReadAsync(Token);

        Assert.Equal(2, backlog.VisibleControlMessages);
        Assert.Equal(0, backlog.WorkItems);
    }

    [Fact]
    public async Task AdmissionOff_StartsEveryFlowAtOnce_WithoutReadingTheBacklog()
    {
        await using var flow = Start(out var catalog, maxBacklog: 0);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 100);
        var admission = flow.App.Services.GetRequiredService<OrderFlowAdmission>();
        var orders = Enumerable.Range(1, Orders).Select(i => Order($"off-{i}")).ToList();

        await Task.WhenAll(orders.Select(flow.ConvergeAsync));

        Assert.Equal(0, admission.HeldBack);
        Assert.Equal(0, admission.Reads);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 100, reserved: Orders);
        var reserves = (await flow.Ledger.ListEntriesAsync(Brand, "SKU-A", 100, Token)).Count(e => e.Movement.Kind == StockMovementKind.Reserve);
        Assert.Equal(Orders, reserves);
    }

    private OrderFlowHarness Start(out FakeCatalogReader catalog, int maxBacklog) =>
        OrderFlowHarness.Start(fixture, catalog = new FakeCatalogReader(), TestApp.TriggersOff(new Dictionary<string, string>
        {
            ["OrderFlow:AdmissionMaxBacklog"] = maxBacklog.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OrderFlow:AdmissionSampleInterval"] = "00:00:00.200",
        }));

    private static Order Order(string externalId) => OrderFlowTests.Order(externalId, ("L1", "SKU-A", 1, 20m));

    /// <summary>Counts the held-back waits the app's own admission records (its meter factory only: apps run side by side).</summary>
    private sealed class HeldWaits : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public HeldWaits(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == OrderFlowAdmissionMetrics.HeldHistogram)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _count));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
