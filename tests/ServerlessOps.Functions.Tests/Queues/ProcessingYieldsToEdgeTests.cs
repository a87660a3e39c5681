using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>
/// Processing and the webhook edge share an instance: while the edge is busy, processing's budget shrinks to
/// <c>Ingestion:ConcurrentDeliveriesWhileEdgeBusy</c> (the backlog waits on the queue), and grows back once it quietens.
/// </summary>
public sealed class ProcessingYieldsToEdgeTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProcessWebhookDelivery_WhileTheEdgeIsBusy_ProcessesOneDeliveryAtATimeWithoutStopping_AndTheBudgetGrowsBackOnceQuiet()
    {
        await using var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string> { ["Ingestion:ConcurrentDeliveriesWhileEdgeBusy"] = "1" }), marketplace: marketplace);
        var orders = await StoredDeliveries.SendWalmartOrdersAsync(app, marketplace, 4);

        var bundle = await StoredDeliveries.RebundleAsync(app, await StoredDeliveries.TakeAsync(app, orders.Count));

        // Webhooks in flight at the edge: an eighth of its write turns, held until released.
        var gate = app.Services.GetRequiredService<EdgeWriteGate>();
        var release = new TaskCompletionSource();
        var held = Enumerable.Range(0, app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.EdgeMaxConcurrentWrites / 8)
            .Select(_ => gate.RunAsync(_ => release.Task, Token)).ToList();
        var budget = app.Services.GetRequiredService<ProcessingBudget>();
        Assert.Equal(1, budget.Limit);

        // Each order read from Walmart's API takes half a second: deliveries in progress together would overlap there.
        marketplace.StallNext(SalesChannel.Walmart, orders.Count, TimeSpan.FromSeconds(0.5));
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, bundle.ToJson());

        // Done while the edge is still busy, one delivery at a time.
        Assert.True(gate.IsBusy);
        var reads = WalmartCalls.OrderReads(marketplace).Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(orders.Count, reads.Count);
        Assert.All(reads.Zip(reads.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(0.45), $"order reads started at {string.Join(", ", reads.Select(r => r.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}"));
        foreach (var order in orders)
        {
            await app.Client.WaitForOrderAsync($"walmart:{order}");
        }

        release.SetResult();
        await Task.WhenAll(held);
        var max = app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxConcurrentDeliveries;
        await Poll.UntilAsync(ct => Task.FromResult(budget.Limit == max ? budget : null), "the full budget once the edge is quiet", lastSeen: () => $"budget {budget.Limit}");
    }
}
