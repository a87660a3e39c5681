using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// Order flows on the real engine (Azurite), the real order store, ledger and alert store (Cosmos server): orders enter
/// through the converger, as every ingestion path brings them; the catalog is stated by the test.
/// </summary>
public sealed partial class OrderFlowTests(FunctionAppFixture fixture)
{
    private const string Brand = "acme";
    private const string Warehouse = "wh-1";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewOrder_ReservesOpenUnits_ThenShipmentCommitsThem()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);

        var order = Order("1001", ("L1", "SKU-A", 2, 20m));
        await flow.ConvergeAsync(order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);

        await flow.ConvergeAsync(Next(order, lines => [lines[0] with { QuantityShipped = 2 }]));
        await flow.WaitForBalanceAsync("SKU-A", onHand: 8, reserved: 0);

        var view = await flow.GetFlowAsync(order);
        Assert.Equal("Running", view.GetProperty("runtimeStatus").GetString());
        var status = view.GetProperty("status");
        Assert.Equal(2, status.GetProperty("Lines").GetProperty("L1").GetProperty("Committed").GetInt32());
        Assert.Contains(status.GetProperty("Steps").EnumerateArray(), s => s.GetProperty("Step").GetString() == "moved");
    }

    [Fact]
    public async Task PartialCancellation_ReleasesOnlyTheCancelledUnits()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1002", ("L1", "SKU-A", 3, 20m));
        await flow.ConvergeAsync(order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 3);

        await flow.ConvergeAsync(Next(order, lines => [lines[0] with { QuantityCancelled = 1 }]));

        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);
    }

    [Fact]
    public async Task CancellationArrivingBeforeCreation_NeverReserves()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var created = Order("1003", ("L1", "SKU-A", 2, 20m));
        var cancelled = Next(created, lines => [lines[0] with { QuantityCancelled = 2 }]);

        await flow.ConvergeAsync(cancelled);
        await flow.ConvergeAsync(created);

        var ended = await flow.WaitForEndAsync(created);
        Assert.Equal("cancelled", JsonDocument.Parse(ended.SerializedOutput!).RootElement.GetProperty("Outcome").GetString());
        var entries = await flow.Ledger.ListEntriesAsync(Brand, "SKU-A", 50, Token);
        Assert.DoesNotContain(entries, e => e.Movement.Kind == StockMovementKind.Reserve);
        Assert.Equal(0, (await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token)).Reserved);
    }

    [Fact]
    public async Task OrderPlacedBeforeGoLive_NeverStartsAFlow()
    {
        await using var flow = Start(out var catalog, new Dictionary<string, string> { ["Brands:acme:GoLive"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O") });
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1004", ("L1", "SKU-A", 2, 20m));

        var written = await flow.ConvergeAsync(order);

        Assert.True(written.Order.IsHistory);
        Assert.Null(await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token));
        Assert.Equal(0, (await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token)).Reserved);
    }

    [Fact]
    public async Task UnmappedSku_RecordsExceptionAndAlertsTheDataOwner_WithoutReserving()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1005", ("L1", "SKU-A", 1, 20m), ("L2", "NOT-IN-CATALOG", 1, 20m));

        await flow.ConvergeAsync(order);

        var exception = await flow.WaitForOpenExceptionAsync(order);
        Assert.Equal("validate", exception.Step);
        Assert.Equal("unmapped-sku", exception.Cause);
        Assert.Contains("NOT-IN-CATALOG", exception.Detail, StringComparison.Ordinal);
        Assert.Equal("ops@acme-outfitters.example", exception.Owner);
        var alert = Assert.Single(await flow.Alerts.ListAsync(Brand, kind: AlertKind.SkuUnmapped, cancellationToken: Token));
        Assert.Equal(AlertSubject.Order(order.Id), alert.Subject);
        Assert.Equal(0, (await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token)).Reserved);
    }

    [Fact]
    public async Task ShortStock_ReleasesWhatTheOrderReserved_RecordsException_AndRetryAfterReceiptReserves()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse).Map("SKU-B", Warehouse);
        await flow.ReceiveAsync("SKU-A", 5);
        var order = Order("1006", ("L1", "SKU-A", 2, 20m), ("L2", "SKU-B", 1, 20m));

        await flow.ConvergeAsync(order);

        var exception = await flow.WaitForOpenExceptionAsync(order);
        Assert.Equal(("reserve", "short-reservation"), (exception.Step, exception.Cause));
        Assert.Contains("SKU-B", exception.Detail, StringComparison.Ordinal);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 5, reserved: 0);
        Assert.Single(await flow.Alerts.ListAsync(Brand, AlertState.Open, AlertKind.StockShort, Token));

        await flow.ReceiveAsync("SKU-B", 3);
        var retry = await flow.App.Client.Http.PostAsync(new Uri($"{OrderFlowHarness.FlowPath(order)}/retry", UriKind.Relative), null, Token);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);

        await flow.WaitForBalanceAsync("SKU-A", onHand: 5, reserved: 2);
        await flow.WaitForBalanceAsync("SKU-B", onHand: 3, reserved: 1);
        await Poll.UntilAsync(async ct => (await flow.Exceptions.ListOpenAsync(Brand, ct)).Count == 0 ? "none" : null, "the exception resolved");
    }

    /// <summary>
    /// An unmapped SKU (the data owner's alert), mapped and retried, then short of stock (the inventory owner's alert),
    /// received and retried: the order is reserved and neither alert stays open. The first used to stay open for good,
    /// since getting past the step resolved only the alert of the exception recorded last.
    /// </summary>
    [Fact]
    public async Task ExceptionReplacedByAnotherOfAnotherKind_ThenRetriedPastIt_LeavesNoAlertOfEitherOpen()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1032", ("L1", "SKU-A", 1, 20m), ("L2", "SKU-B", 1, 20m));
        await flow.ConvergeAsync(order);
        Assert.Equal("unmapped-sku", (await flow.WaitForOpenExceptionAsync(order)).Cause);

        catalog.Map("SKU-B", Warehouse);
        await RetryAsync(flow, order);
        await Poll.UntilAsync(
            async ct => (await flow.Exceptions.ListOpenAsync(Brand, ct)).FirstOrDefault(e => e.Cause == "short-reservation"), "the short reservation's exception");
        await flow.ReceiveAsync("SKU-B", 3);
        await RetryAsync(flow, order);

        await flow.WaitForBalanceAsync("SKU-B", onHand: 3, reserved: 1);
        await Poll.UntilAsync(async ct => (await flow.Exceptions.ListOpenAsync(Brand, ct)).Count == 0 ? "none" : null, "the exception resolved");

        // The resolving activity resolves the exception record first and clears its alert after: wait for the alerts too.
        var stillOpen = "";
        await Poll.UntilAsync(
            async ct =>
            {
                var open = await flow.Alerts.ListAsync(Brand, AlertState.Open, cancellationToken: ct);
                stillOpen = string.Join(", ", open.Select(a => a.Kind));
                return open.Count == 0 ? "none" : null;
            },
            "no alert of either exception left open",
            lastSeen: () => $"still open: {stillOpen}");
    }

    /// <summary>
    /// The flow continues as new after each wake, and its next execution's first read of the order fails after every
    /// retry: it takes its exception path before it has the order's lines in hand, so it cannot release the 2 units it
    /// holds. The order is then cancelled in full. The flow used to end "cancelled" right there, leaving the 2 units
    /// reserved with no flow left to release them (and its exception saying they had been released).
    /// </summary>
    [Fact]
    public async Task CancelledOnTheExceptionPath_WhileItsCompensationCouldNotRelease_ReleasesWhatTheOrderHeldBeforeEnding()
    {
        var catalog = new FakeCatalogReader().Map("SKU-A", Warehouse);
        await using var flow = OrderFlowHarness.Start(fixture, catalog, TestApp.TriggersOff(new Dictionary<string, string> { ["OrderFlow:WakesPerExecution"] = "1" }), moreServices: s =>
        {
            s.RemoveAll<IOrderStore>();
            s.AddSingleton<IOrderStore>(sp => new FlakyFlowOrderReads(sp.GetRequiredService<CosmosOrderStore>()));
        });
        var reads = (FlakyFlowOrderReads)flow.App.Services.GetRequiredService<IOrderStore>();
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1030", ("L1", "SKU-A", 2, 20m));

        // The flow's reads: at its start, and at the wake after which it continues as new; the next one fails.
        reads.FailAfter(2);
        await flow.ConvergeAsync(order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);
        var onHold = Next(order, lines => lines) with { ChannelStatus = "on_hold" };
        await flow.ConvergeAsync(onHold);

        var exception = await Poll.UntilAsync(
            async ct => (await flow.Exceptions.ListOpenAsync(Brand, ct)).FirstOrDefault(e => e.OrderId == order.Id), "the load's exception", TimeSpan.FromMinutes(3));
        Assert.Equal(("load", "retries-exhausted"), (exception.Step, exception.Cause));
        reads.Recover();
        await flow.ConvergeAsync(Next(onHold, lines => [.. lines.Select(l => l with { QuantityCancelled = l.Quantity })]));

        var ended = await flow.WaitForEndAsync(order);
        Assert.Equal("cancelled", JsonDocument.Parse(ended.SerializedOutput!).RootElement.GetProperty("Outcome").GetString());
        Assert.Equal(0, (await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token)).Reserved);
    }

    /// <summary>
    /// Order 1013 is first seen with its 2 units already shipped while order 1012 holds every unit. The flow reserves the
    /// shipped units with a reservation the ledger never refuses, then commits them: on hand drops by what shipped and
    /// reserved keeps all 1012 holds. A refusable reservation, refused, used to leave the commit beside it taking 2 of
    /// 1012's units (on hand 8, reserved 8: free for another order to reserve) and the flow on its short-stock path.
    /// 1012 is now short by 2, which the inventory owner hears of once; 1013 has nothing to compensate.
    /// </summary>
    [Fact]
    public async Task FirstSeenAlreadyShipped_WhileAnotherOrderHoldsEveryUnit_CommitsWithoutTakingTheOtherOrdersUnits_AndAlertsTheShortage()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        await flow.ConvergeAsync(Order("1012", ("L1", "SKU-A", 10, 20m)));
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 10);

        var shipped = Next(Order("1013", ("L1", "SKU-A", 2, 20m)), lines => [lines[0] with { QuantityShipped = 2 }]);
        await flow.ConvergeAsync(shipped);

        await flow.WaitForStatusAsync(
            shipped, s => s.GetProperty("PendingMovements").GetInt32() == 0 && s.GetProperty("Lines").GetProperty("L1").GetProperty("Committed").GetInt32() == 2,
            "the shipment committed");
        Assert.Equal(new StockBalance(Brand, "SKU-A", Warehouse, 8, 10), await flow.Ledger.GetBalanceAsync(Brand, "SKU-A", Warehouse, Token));
        Assert.Empty(await flow.Exceptions.ListOpenAsync(Brand, Token));
        var alert = await Poll.UntilAsync(
            async ct => (await flow.Alerts.ListAsync(Brand, kind: AlertKind.StockShort, cancellationToken: ct)).SingleOrDefault(), "the shortage alert");
        Assert.Equal(AlertSubject.Order(shipped.Id), alert.Subject);
        Assert.Contains("2 unit(s) of SKU-A", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissedShipBy_AlertsTheFulfilmentOwnerOnce_AndKeepsWaiting()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);

        // The brand's default ship-within is 2 days: placed 2 days less 3 seconds ago, ship-by falls 3 s from now.
        var order = Order("1007", ("L1", "SKU-A", 1, 20m)) with { PlacedAt = DateTimeOffset.UtcNow.AddDays(-2).AddSeconds(3) };
        await flow.ConvergeAsync(order);

        var alert = await Poll.UntilAsync(
            async ct => (await flow.Alerts.ListAsync(Brand, kind: AlertKind.SlaMissed, cancellationToken: ct)).SingleOrDefault(), "the SLA alert");
        await flow.ConvergeAsync(Next(order, lines => lines) with { ChannelStatus = "on_hold" });
        await flow.WaitForStatusAsync(order, s => s.GetProperty("Steps").EnumerateArray().Count(x => x.GetProperty("Step").GetString() == "sla-missed") == 1
            && s.GetProperty("SlaAlerted").GetBoolean(), "the flow past the change");

        var alerts = await flow.Alerts.ListAsync(Brand, kind: AlertKind.SlaMissed, cancellationToken: Token);
        Assert.Equal(1, Assert.Single(alerts).Occurrences);
        Assert.Equal(AlertSubject.Order(order.Id), alert.Subject);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token))!.RuntimeStatus);
    }

    [Fact]
    public async Task ChannelShipBy_IsTheSlaDeadline_NotTheBrandsShipWithin()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);

        // Placed 5 minutes ago: the brand's 2 days are far off, but Walmart's estimated ship date falls 4 s from now.
        var shipBy = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 4);
        var order = Order("1014", ("L1", "SKU-A", 1, 20m)) with
        {
            Channel = SalesChannel.Walmart,
            ChannelAccountId = ServerlessOps.Testing.Scenarios.ScenarioAccounts.Default.AccountId(SalesChannel.Walmart),
            ShipBy = shipBy,
        };
        await flow.ConvergeAsync(order);

        var alert = await Poll.UntilAsync(
            async ct => (await flow.Alerts.ListAsync(Brand, kind: AlertKind.SlaMissed, cancellationToken: ct)).SingleOrDefault(), "the SLA alert at the channel's ship-by");
        Assert.Equal(shipBy.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), alert.Evidence["shipBy"]);
        Assert.True(alert.FirstSeen >= shipBy.AddSeconds(-1), $"Alerted at {alert.FirstSeen:O}, before the ship-by {shipBy:O}.");
        var status = (await flow.GetFlowAsync(order)).GetProperty("status");
        Assert.Contains(status.GetProperty("Steps").EnumerateArray(), s => s.GetProperty("Step").GetString() == "validated"
            && s.GetProperty("Detail").GetString()!.Contains("Walmart's ship-by", StringComparison.Ordinal));
    }

    /// <summary>
    /// A late order (its SLA alert open) gains a line whose SKU is not in the catalog, takes the exception path, and is
    /// then cancelled in full. The flow ends and leaves no alert open: its SLA alert used to stay open for good, since
    /// only the active path's cancellation resolved it.
    /// </summary>
    [Fact]
    public async Task LateOrder_CancelledOnTheExceptionPath_ResolvesItsSlaAlertAsItEnds()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);

        // The brand's default ship-within is 2 days: ship-by passed an hour ago, escalation is 23 h away.
        var order = Order("1034", ("L1", "SKU-A", 1, 20m)) with { PlacedAt = DateTimeOffset.UtcNow.AddDays(-2).AddHours(-1) };
        await flow.ConvergeAsync(order);
        await Poll.UntilAsync(
            async ct => (await flow.Alerts.ListAsync(Brand, AlertState.Open, AlertKind.SlaMissed, ct)).SingleOrDefault(), "the SLA alert");
        var grown = Next(order, lines => [.. lines, new OrderLine("L2", "NOT-IN-CATALOG", null, 1, 20m, 0m, 0m)]);
        await flow.ConvergeAsync(grown);
        Assert.Equal("unmapped-sku", (await flow.WaitForOpenExceptionAsync(order)).Cause);

        await flow.ConvergeAsync(Next(grown, lines => [.. lines.Select(l => l with { QuantityCancelled = l.Quantity })]));

        var ended = await flow.WaitForEndAsync(order);
        Assert.Equal("cancelled", JsonDocument.Parse(ended.SerializedOutput!).RootElement.GetProperty("Outcome").GetString());
        await AssertNoAlertOpenAsync(flow);
    }

    /// <summary>
    /// A late order (its SLA alert open) of a brand with a 0-day return window is seen shipped and delivered in one change:
    /// the flow ends on that step and leaves no alert open. Its SLA alert used to stay open for good, since the flow ended
    /// before the SLA check that resolves it.
    /// </summary>
    [Fact]
    public async Task LateOrder_SeenShippedAndDeliveredAtOnce_WithAZeroDayReturnWindow_ResolvesItsSlaAlertAsItEnds()
    {
        await using var flow = Start(out var catalog);
        await SetReturnWindowAsync(flow, days: 0);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1035", ("L1", "SKU-A", 1, 20m)) with { PlacedAt = DateTimeOffset.UtcNow.AddDays(-2).AddHours(-1) };
        await flow.ConvergeAsync(order);
        await Poll.UntilAsync(
            async ct => (await flow.Alerts.ListAsync(Brand, AlertState.Open, AlertKind.SlaMissed, ct)).SingleOrDefault(), "the SLA alert");

        await flow.ConvergeAsync(Next(order with { Shipping = Parcels(Parcel("f-1", delivered: true, "L1")) }, lines => lines));

        var ended = await flow.WaitForEndAsync(order);
        Assert.Equal("completed", JsonDocument.Parse(ended.SerializedOutput!).RootElement.GetProperty("Outcome").GetString());
        await AssertNoAlertOpenAsync(flow);
    }

    /// <summary>
    /// A flow that ended (delivered, 0-day return window) has its engine history purged the way the daily timer does; a
    /// later change of the order (a late refund, a webhook replay, the backstop) and the retry route then start no flow.
    /// The starter used to read "no instance" as "never started": the new flow reserved the shipped unit again (its
    /// commit skipped as already applied), and that reservation stayed for good.
    /// </summary>
    [Fact]
    public async Task FlowEndedAndPurged_ALaterChangeOrTheRetryRoute_StartsNoSecondFlowAndReservesNothing()
    {
        await using var flow = Start(out var catalog);
        await SetReturnWindowAsync(flow, days: 0);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1040", ("L1", "SKU-A", 1, 20m));
        await flow.ConvergeAsync(order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 1);
        var delivered = Next(order with { Shipping = Parcels(Parcel("f-1", delivered: true, "L1")) }, lines => [lines[0] with { QuantityShipped = 1 }]);
        await flow.ConvergeAsync(delivered);
        var ended = await flow.WaitForEndAsync(order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 9, reserved: 0);

        Assert.True(await PurgeThirtyDaysOn(flow, ended, Ends(flow)).PurgeAsync(flow.Client, Token) >= 1);
        Assert.Null(await flow.Client.GetInstanceAsync(OrderFlowHarness.InstanceId(order), Token));

        var retried = await AssertRefundAndRetryStartNothingAsync(flow, order, delivered);

        Assert.Contains("purged", retried, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StillUnshippedPastEscalation_EscalatesOnce_AndShipmentClearsBoth()
    {
        await using var flow = Start(out var catalog, new Dictionary<string, string> { ["OrderFlow:EscalateAfter"] = "00:01:00" });
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);

        // Ship-by passed a minute less 3 s ago: missed at once, escalated 3 s from now.
        var order = Order("1012", ("L1", "SKU-A", 1, 20m)) with { PlacedAt = DateTimeOffset.UtcNow.AddDays(-2).AddMinutes(-1).AddSeconds(3) };
        await flow.ConvergeAsync(order);

        var escalated = await Poll.UntilAsync(
            async ct => (await flow.Alerts.ListAsync(Brand, kind: AlertKind.SlaEscalated, cancellationToken: ct)).SingleOrDefault(), "the escalation");
        var missed = Assert.Single(await flow.Alerts.ListAsync(Brand, kind: AlertKind.SlaMissed, cancellationToken: Token));
        Assert.Equal((1, 1), (missed.Occurrences, escalated.Occurrences));

        await flow.ConvergeAsync(Next(order, lines => [lines[0] with { QuantityShipped = 1 }]));

        await Poll.UntilAsync(
            async ct => (await flow.Alerts.ListAsync(Brand, AlertState.Resolved, cancellationToken: ct)).Count == 2 ? "resolved" : null, "both SLA alerts resolved");
        await flow.WaitForBalanceAsync("SKU-A", onHand: 9, reserved: 0);
    }

    /// <summary>
    /// A split shipment: line L1's parcel is delivered while L2's unit has not shipped. The channel's delivered fact covers
    /// only the parcels it knows, so the order is not delivered yet. With a return window of 0 days the flow used to end
    /// at that first delivery, leaving L2's unit reserved for good and its later shipment never committed.
    /// </summary>
    [Fact]
    public async Task OneParcelDelivered_WhileAnotherLineIsUnshipped_TheFlowFollowsTheOrderUntilTheRestShips()
    {
        await using var flow = Start(out var catalog);
        await SetReturnWindowAsync(flow, days: 0);
        catalog.Map("SKU-A", Warehouse).Map("SKU-B", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        await flow.ReceiveAsync("SKU-B", 10);
        var order = Order("1031", ("L1", "SKU-A", 1, 20m), ("L2", "SKU-B", 1, 20m));
        await flow.ConvergeAsync(order);
        await flow.WaitForBalanceAsync("SKU-B", onHand: 10, reserved: 1);

        var first = Parcel("f-1", delivered: true, "L1");
        var partDelivered = Next(order with { Shipping = Parcels(first) }, lines => lines);
        Assert.True(partDelivered.ChannelFacts.Delivered);
        await flow.ConvergeAsync(partDelivered);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 9, reserved: 0);

        await flow.ConvergeAsync(Next(partDelivered with { Shipping = Parcels(first, Parcel("f-2", delivered: false, "L2")) }, lines => lines));

        await flow.WaitForBalanceAsync("SKU-B", onHand: 9, reserved: 0);
    }

    [Fact]
    public async Task PriceBelowFloor_AlertsThePricingOwner_AndHoldsUntilRetried()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse, unitCost: 10m);
        await flow.ReceiveAsync("SKU-A", 10);

        // Floor = 10 / (1 − 15 %) = 11.76; sold at 9.00 on 2 units: 5.52 at stake.
        var order = Order("1008", ("L1", "SKU-A", 2, 9m));
        await flow.ConvergeAsync(order);

        await flow.WaitForStatusAsync(order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Held, "the pricing hold");
        var alert = Assert.Single(await flow.Alerts.ListAsync(Brand, kind: AlertKind.PriceBelowFloor, cancellationToken: Token));
        Assert.Equal(new MoneyAtStake(5.52m, "USD"), alert.MoneyAtStake);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);

        var retry = await flow.App.Client.Http.PostAsync(new Uri($"{OrderFlowHarness.FlowPath(order)}/retry", UriKind.Relative), null, Token);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await flow.WaitForStatusAsync(order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Active, "the hold released");
    }

    /// <summary>
    /// An order sold below its floor and at a loss after fees raises both price alerts; once its flow ends (released,
    /// shipped, delivered, past a 0-day return window) neither stays open. They used to stay open for good (nothing
    /// cleared an order's price alerts), each one an entry of the brand's open-alert rollup for ever.
    /// </summary>
    [Fact]
    public async Task PriceBreachedOrder_WhenItsFlowEnds_ResolvesItsPriceAlerts_AndTheCountsDropToZero()
    {
        await using var flow = Start(out var catalog);
        await SetReturnWindowAsync(flow, days: 0);
        catalog.Map("SKU-A", Warehouse, unitCost: 10m);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1045", ("L1", "SKU-A", 2, 9m));
        await flow.ConvergeAsync(order);
        await flow.WaitForStatusAsync(order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Held, "the pricing hold");
        Assert.Single(await flow.Alerts.ListAsync(Brand, AlertState.Open, AlertKind.ContributionNegative, Token));
        await RetryAsync(flow, order);
        await flow.WaitForStatusAsync(order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Active, "the hold released");

        await flow.ConvergeAsync(Next(order with { Shipping = Parcels(Parcel("f-1", delivered: true, "L1"), Parcel("f-2", delivered: true, "L1")) },
            lines => [lines[0] with { QuantityShipped = 2 }]));

        var ended = await flow.WaitForEndAsync(order);
        Assert.Equal("completed", JsonDocument.Parse(ended.SerializedOutput!).RootElement.GetProperty("Outcome").GetString());
        await AssertNoAlertOpenAsync(flow);
        var counts = await flow.Alerts.CountUnresolvedAsync(Brand, Token);
        Assert.DoesNotContain(counts, c => c.Kind is AlertKind.ContributionNegative or AlertKind.PriceBelowFloor);
    }

    [Fact]
    public async Task StartingTheSameOrderConcurrently_MakesOneFlowAndOneReservation()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1009", ("L1", "SKU-A", 2, 20m));
        await flow.ConvergeAsync(order);
        var starter = flow.App.Services.GetRequiredService<IOrderFlowStarter>();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => starter.OrderChangedAsync(order, Token)));

        await AssertOneFlowAndOneReservationAsync(flow);
    }

    [Fact]
    public async Task NewOrder_ItsFlowStartsWithOneInstanceRead_TheEnginesOwnDuplicateCheck()
    {
        var requests = new EngineStorageRequests();
        var catalog = new FakeCatalogReader();
        await using var flow = OrderFlowHarness.Start(fixture, catalog, TestApp.TriggersOff(),
            moreServices: s => s.ConfigureStandaloneDurableStorageClients(o => o.AddPolicy(requests, HttpPipelinePosition.PerCall)));
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1020", ("L1", "SKU-A", 2, 20m));

        await flow.ConvergeAsync(order);

        // A read by the starter before its start would make two reads of the same row for every new order.
        Assert.Equal(1, requests.InstanceReadsBeforeFirstControlMessage(OrderFlowHarness.InstanceId(order)));
        await AssertOneFlowAndOneReservationAsync(flow);
    }

    [Fact]
    public async Task TheFlowReadsItsOrderInItsPlacementMonth_NeverThroughTheLocator()
    {
        OrderStoreReads? reads = null;
        var catalog = new FakeCatalogReader();
        await using var flow = OrderFlowHarness.Start(fixture, catalog, TestApp.TriggersOff(), moreServices: s =>
        {
            s.RemoveAll<IOrderStore>();
            s.AddSingleton<IOrderStore>(sp => reads = new OrderStoreReads(sp.GetRequiredService<CosmosOrderStore>()));
        });
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1022", ("L1", "SKU-A", 2, 20m));

        await flow.ConvergeAsync(order);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);
        await flow.ConvergeAsync(Next(order, lines => [lines[0] with { QuantityShipped = 2 }]));
        await flow.WaitForBalanceAsync("SKU-A", onHand: 8, reserved: 0);

        // The converger's two reads and the flow's two (start, shipment) all knew the month: four point reads, no locator.
        Assert.NotNull(reads);
        Assert.Equal(0, reads.ByLocator);
        Assert.True(reads.ByPlacement >= 4, $"{reads.ByPlacement} reads by placement");
    }

    [Fact]
    public async Task NewOrderStartedConcurrentlyWithoutARead_MakesOneFlowAndOneReservation()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1021", ("L1", "SKU-A", 2, 20m));
        await flow.App.Services.GetRequiredService<IOrderStore>().CreateAsync(new StoredOrder(order, [], DateTimeOffset.UtcNow), Token);
        var starter = flow.App.Services.GetRequiredService<IOrderFlowStarter>();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => starter.OrderCreatedAsync(order, Token)));

        await AssertOneFlowAndOneReservationAsync(flow);
    }

    /// <summary>No alert of the brand is open, naming the kinds that are when some are.</summary>
    private static async Task AssertNoAlertOpenAsync(OrderFlowHarness flow)
    {
        var open = await flow.Alerts.ListAsync(Brand, AlertState.Open, cancellationToken: Token);
        Assert.True(open.Count == 0, $"Still open: {string.Join(", ", open.Select(a => a.Kind))}.");
    }

    /// <summary>SKU-A's 2 units of the test's one order are reserved once, by the one flow of the task hub.</summary>
    private static async Task AssertOneFlowAndOneReservationAsync(OrderFlowHarness flow)
    {
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 2);
        var instances = new List<OrchestrationMetadata>();
        await foreach (var instance in flow.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = OrderFlowIds.Prefix }))
        {
            instances.Add(instance);
        }

        Assert.Single(instances);
        var entries = await flow.Ledger.ListEntriesAsync(Brand, "SKU-A", 50, Token);
        Assert.Single(entries, e => e.Movement.Kind == StockMovementKind.Reserve);
    }

    [Fact]
    public async Task AmazonFbaOrder_WithTheImportedCatalog_MovesStockAtTheChannelLocation()
    {
        await using var flow = new OrderFlowHarness(TestApp.Start(fixture, TestApp.TriggersOff()));
        await flow.ImportAsync("catalog", "text/csv",
            "sku,title,category,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId,amazonSellerSku,amazonMarketplaceId,amazonFba\n"
            + "TEE-BLK-M,Tee,Apparel,USD,24.00,19.99,4411,77,TEE-BLK-M-FBA,ATVPDKIKX0DER,true\n");
        await flow.ImportAsync("costs", "application/x-ndjson", "{\"sku\":\"TEE-BLK-M\",\"unitCost\":\"6.40\",\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n");
        const string Fba = "amazon-fba:ATVPDKIKX0DER";
        await flow.ReceiveAsync("TEE-BLK-M", 4, Fba);

        // Channel-fulfilled: no merchant ship-by, even placed long ago.
        var order = Order("113-0000001-0000001", ("1", "TEE-BLK-M-FBA", 1, 24m)) with
        {
            Channel = SalesChannel.Amazon,
            ChannelAccountId = "A2EXAMPLESELLR1",
            PlacedAt = DateTimeOffset.UtcNow.AddDays(-5),
        };
        await flow.ConvergeAsync(order);
        await flow.WaitForBalanceAsync("TEE-BLK-M", onHand: 4, reserved: 1, Fba);

        await flow.ConvergeAsync(Next(order, lines => [lines[0] with { QuantityShipped = 1 }]));
        await flow.WaitForBalanceAsync("TEE-BLK-M", onHand: 3, reserved: 0, Fba);

        var status = (await flow.GetFlowAsync(order)).GetProperty("status");
        Assert.False(status.GetProperty("SlaAlerted").GetBoolean());
        Assert.Contains(status.GetProperty("Steps").EnumerateArray(), s => s.GetProperty("Step").GetString() == "priced");
        Assert.Empty(await flow.Alerts.ListAsync("acme", cancellationToken: Token));
    }

    [Fact]
    public async Task StuckFinder_RaisesAFlowLeftOnItsExceptionPath_NotOneWaitingForShipment()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var stuck = Order("1010", ("L1", "NOT-IN-CATALOG", 1, 20m));
        var waiting = Order("1011", ("L1", "SKU-A", 1, 20m));
        await flow.ConvergeAsync(stuck);
        await flow.ConvergeAsync(waiting);
        await flow.WaitForOpenExceptionAsync(stuck);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 1);

        // The ledger takes the reservation before the flow records its answer: until then the waiting flow shows a
        // movement unconfirmed, which three days on would rightly count as stuck.
        await flow.WaitForStatusAsync(
            waiting, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Active && s.GetProperty("PendingMovements").GetInt32() == 0, "the reservation confirmed");

        // Three days on, past the default StuckAfter of two days.
        var finder = new FindStuckOrderFlows(
            flow.App.Services.GetRequiredService<IOptionsMonitor<OrderFlowOptions>>(), flow.App.Services.GetRequiredService<IAlertRaiser>(),
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(3)), flow.App.Services, NullLogger<FindStuckOrderFlows>.Instance);

        var raised = await finder.FindAsync(flow.Client, Token);

        Assert.Equal(1, raised);
        var alert = Assert.Single(await flow.Alerts.ListAsync(Brand, kind: AlertKind.FlowFailed, cancellationToken: Token));
        Assert.Equal(AlertSubject.Flow(OrderFlowHarness.InstanceId(stuck)), alert.Subject);
    }

    /// <summary>
    /// The finder's flow-failed alert is on the flow, not on the order, so the flow's own clearing after a retry (which
    /// resolves the order's sku-unmapped alert) never reaches it: once the flow is no longer stuck, the finder resolves it.
    /// </summary>
    [Fact]
    public async Task StuckFinder_FlowRetriedPastItsExceptionPath_ResolvesItsFlowFailedAlert()
    {
        await using var flow = Start(out var catalog);
        await flow.ReceiveAsync("SKU-A", 10);
        var stuck = Order("1015", ("L1", "SKU-A", 1, 20m));
        await flow.ConvergeAsync(stuck);
        await flow.WaitForOpenExceptionAsync(stuck);
        var finder = new FindStuckOrderFlows(
            flow.App.Services.GetRequiredService<IOptionsMonitor<OrderFlowOptions>>(), flow.App.Services.GetRequiredService<IAlertRaiser>(),
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(3)), flow.App.Services, NullLogger<FindStuckOrderFlows>.Instance);
        Assert.Equal(1, await finder.FindAsync(flow.Client, Token));

        catalog.Map("SKU-A", Warehouse);
        var retry = await flow.App.Client.Http.PostAsync(new Uri($"{OrderFlowHarness.FlowPath(stuck)}/retry", UriKind.Relative), null, Token);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 1);
        await flow.WaitForStatusAsync(
            stuck, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Active && s.GetProperty("PendingMovements").GetInt32() == 0, "the retry past validation and reservation");

        Assert.Equal(0, await finder.FindAsync(flow.Client, Token));

        var alert = Assert.Single(await flow.Alerts.ListAsync(Brand, kind: AlertKind.FlowFailed, cancellationToken: Token));
        Assert.Equal((AlertSubject.Flow(OrderFlowHarness.InstanceId(stuck)), AlertState.Resolved, AlertTransitions.System), (alert.Subject, alert.State, alert.ResolvedBy));
    }

    private static async Task RetryAsync(OrderFlowHarness flow, Order order)
    {
        using var retry = await flow.App.Client.Http.PostAsync(new Uri($"{OrderFlowHarness.FlowPath(order)}/retry", UriKind.Relative), null, Token);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
    }

    /// <summary>Sets the brand's return window through the brand route, as its operator does.</summary>
    private static async Task SetReturnWindowAsync(OrderFlowHarness flow, int days)
    {
        using var read = await flow.App.Client.Http.GetAsync(new Uri($"api/brands/{Brand}", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"api/brands/{Brand}", UriKind.Relative))
        {
            Content = JsonContent.Create(new { policy = new { returnWindowDays = days } }),
        };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        using var answer = await flow.App.Client.Http.SendAsync(put, Token);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync(Token));
    }

    /// <summary>A Shopify fulfilment of one unit of <paramref name="lineId"/>, shipped a minute ago.</summary>
    private static Shipment Parcel(string id, bool delivered, string lineId) =>
        new("UPS", $"1Z{id}", DateTimeOffset.UtcNow.AddMinutes(-1))
        {
            Id = id,
            IsDelivered = delivered,
            UpdatedAt = DateTimeOffset.UtcNow,
            Lines = [new ShipmentLine(lineId, 1)],
        };

    private static ShippingInfo Parcels(params Shipment[] shipments) => new(null, null, null, null, "US", null, null, null, shipments);

    private OrderFlowHarness Start(out FakeCatalogReader catalog, Dictionary<string, string>? settings = null) =>
        OrderFlowHarness.Start(fixture, catalog = new FakeCatalogReader(), TestApp.TriggersOff(settings));

    /// <summary>A paid Shopify order of brand acme, placed five minutes ago (also <see cref="OrderFlowAdmissionTests"/>'s).</summary>
    internal static Order Order(string externalId, params (string LineId, string Sku, int Quantity, decimal Price)[] lines) => OrderLedger.Settle(new Order
    {
        BrandId = Brand,
        Channel = SalesChannel.Shopify,
        ChannelAccountId = "acme-outfitters.myshopify.com",
        ExternalOrderId = externalId,
        Status = OrderStatus.AwaitingFulfilment,
        ChannelStatus = "paid",
        Currency = "USD",
        Lines = [.. lines.Select(l => new OrderLine(l.LineId, l.Sku, null, l.Quantity, l.Price, 0m, 0m))],
        PlacedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        Version = new OrderVersion(DateTimeOffset.UtcNow.AddMinutes(-5)),
    });

    /// <summary>The channel's next version of <paramref name="order"/>, its lines changed.</summary>
    private static Order Next(Order order, Func<IReadOnlyList<OrderLine>, IReadOnlyList<OrderLine>> lines) =>
        OrderLedger.Settle(order with { Lines = lines(order.Lines), Version = new OrderVersion(order.Version.UpdatedAt.AddSeconds(1)) });
}
