using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Workflows.OrderFlow;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>One test's app with the stores and the durable client at hand.</summary>
internal sealed class OrderFlowHarness(TestApp app) : IAsyncDisposable
{
    private int _deliveries;

    public TestApp App => app;

    /// <summary>
    /// Starts a test app whose catalog reader is <paramref name="catalog"/>, so a test states which SKU lives in which
    /// warehouse (<see cref="FakeCatalogReader.Map"/>) instead of importing a catalog. <paramref name="settings"/> go to the
    /// app as given: wrap them in <see cref="TestApp.TriggersOff"/> unless the test needs the queue and timer triggers.
    /// <paramref name="moreServices"/> adds a test's own services (e.g. a storage request counter) after the catalog's.
    /// </summary>
    public static OrderFlowHarness Start(
        FunctionAppFixture fixture,
        FakeCatalogReader catalog,
        IReadOnlyDictionary<string, string>? settings = null,
        Marketplace? marketplace = null,
        Action<IServiceCollection>? moreServices = null) =>
        new(TestApp.Start(fixture, settings, marketplace: marketplace, testServices: s =>
        {
            s.RemoveAll<ICatalogReader>();
            s.AddSingleton<ICatalogReader>(catalog);
            moreServices?.Invoke(s);
        }));

    public IInventoryLedgerStore Ledger => app.Services.GetRequiredService<IInventoryLedgerStore>();

    public IAlertStore Alerts => app.Services.GetRequiredService<IAlertStore>();

    public IOrderFlowExceptionStore Exceptions => app.Services.GetRequiredService<IOrderFlowExceptionStore>();

    public DurableTaskClient Client => app.Services.GetRequiredService<DurableTaskClient>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static string InstanceId(Order order) => OrderFlowIds.For(order.BrandId, order.Channel, order.ExternalOrderId);

    public static string FlowPath(Order order) => $"/api/brands/{order.BrandId}/orders/{order.Channel.Slug()}/{order.ExternalOrderId}/flow";

    public Task<StockApplyResult> ReceiveAsync(string sku, int units, string location = "wh-1") =>
        Ledger.ApplyAsync(new StockMovement("acme", sku, location, StockMovementKind.Receipt, units, $"test:receipt:{sku}:{Interlocked.Increment(ref _deliveries)}"), Token);

    /// <summary>Imports a catalog file through the import route, as a brand's operator does.</summary>
    public async Task ImportAsync(string kind, string contentType, string body)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await app.Client.Http.PostAsync(new Uri($"api/brands/acme/imports/{kind}", UriKind.Relative), content, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Converges <paramref name="order"/> as a delivery would.</summary>
    public Task<OrderWrite> ConvergeAsync(Order order)
    {
        var n = Interlocked.Increment(ref _deliveries);
        var delivery = new DeliveryReference($"dk-{n}", order.Channel, $"d-{n}", "orders/updated", $"blob-{n}", DateTimeOffset.UtcNow, DeliveryOutcome.Applied);
        return app.Services.GetRequiredService<OrderConverger>().ConvergeAsync(order, delivery, Token);
    }

    public Task WaitForBalanceAsync(string sku, int onHand, int reserved, string location = "wh-1") =>
        Poll.UntilAsync(
            async ct => await Ledger.GetBalanceAsync("acme", sku, location, ct) is { } b && b.OnHand == onHand && b.Reserved == reserved ? b : null,
            $"{sku}: on hand {onHand}, reserved {reserved}");

    public Task<OrderFlowExceptionRecord> WaitForOpenExceptionAsync(Order order) =>
        Poll.UntilAsync(async ct => (await Exceptions.ListOpenAsync(order.BrandId, ct)).FirstOrDefault(e => e.OrderId == order.Id), $"an open exception of {order.Id}");

    public Task<OrchestrationMetadata> WaitForEndAsync(Order order) =>
        Poll.UntilAsync(
            async ct => await Client.GetInstanceAsync(InstanceId(order), getInputsAndOutputs: true, ct) is { IsCompleted: true } done ? done : null,
            $"the flow of {order.Id} finished");

    public async Task<JsonElement> GetFlowAsync(Order order)
    {
        using var response = await app.Client.Http.GetAsync(new Uri(FlowPath(order), UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.Clone();
    }

    /// <summary>Waits until the flow's custom status satisfies <paramref name="until"/>; a timeout says the last status seen.</summary>
    public Task<string> WaitForStatusAsync(Order order, Func<JsonElement, bool> until, string awaited, TimeSpan? timeout = null)
    {
        string? seen = null;
        return Poll.UntilAsync(
            async ct => await Client.GetInstanceAsync(InstanceId(order), getInputsAndOutputs: true, ct) is { SerializedCustomStatus: { } json }
                && (seen = json) is not null
                && JsonDocument.Parse(json).RootElement is { ValueKind: JsonValueKind.Object } status && until(status) ? json : null,
            awaited,
            timeout,
            () => seen ?? "(no status yet)");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
