using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Settlements;
using ServerlessOps.Testing.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Settlements;

/// <summary>Amazon event lists beyond orders and account fees: the ones read (SAFE-T, liquidations) and the ones not read.</summary>
public sealed partial class SettlementImportTests
{
    [Fact]
    public async Task AmazonGroupWithSafeTClaimAndLiquidation_IsReconciledToTheCent()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9021", placed);
        var paid = PaidOrder("9021", placed, "G-21");
        var posted = placed.AddHours(50);

        // A SAFE-T claim Amazon paid (12.50) and a liquidation of removed stock (30.00 proceeds less a 4.50 fee):
        // the group pays 52.79 + 12.50 + 30.00 - 4.50 = 90.79.
        settle.Marketplace.PutPayout(SalesChannel.Amazon, paid with
        {
            Rows =
            [
                .. paid.Rows,
                new StubSettlementRow(null, StubSettlementKind.Adjustment, 12.50m, posted) { AmazonList = "SAFETReimbursementEventList" },
                new StubSettlementRow(null, StubSettlementKind.Adjustment, 30.00m, posted.AddHours(1)) { AmazonList = "FBALiquidationEventList" },
                new StubSettlementRow(null, StubSettlementKind.Fee, -4.50m, posted.AddHours(1)) { AmazonList = "FBALiquidationEventList" },
            ],
        });

        var amazon = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);

        Assert.Null(amazon.Error);
        var payout = Assert.Single(amazon.Payouts);
        Assert.Equal((90.79m, 90.79m, 0m, false), (payout.Payout.Amount, payout.Expected, payout.Difference, payout.IsMismatch));
        Assert.Empty(await settle.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.PayoutMismatch, cancellationToken: Token));
        var lines = await settle.Store.ListPayoutLinesAsync("acme", SalesChannel.Amazon, SettlementTestApp.AccountId(SalesChannel.Amazon), "G-21", Token);
        Assert.Equal(
            ["FBALiquidationEventList Adjustment LiquidationProceeds 30.00", "FBALiquidationEventList Fee LiquidationFee -4.50", "SAFETReimbursementEventList Adjustment SAFETReimbursement 12.50"],
            lines.Where(l => l.ExternalOrderId is null).Select(ListKindTypeAmount).Order(StringComparer.Ordinal));

        // Read again, the same events are the same rows.
        var again = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);
        Assert.Equal((0, 8), (again.Imported, again.AlreadyImported));
    }

    [Fact]
    public async Task AmazonSafeTClaimInABadCurrency_GivesAnErrorNamingItsJsonPlace_AndWritesNothing()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        var paid = PaidOrder("9025", placed, "G-25");
        settle.Marketplace.PutPayout(SalesChannel.Amazon, paid with
        {
            Rows = [.. paid.Rows, new StubSettlementRow(null, StubSettlementKind.Adjustment, 12.50m, placed.AddHours(50)) { AmazonList = "SAFETReimbursementEventList", Currency = "US$" }],
        });

        var amazon = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);

        Assert.NotNull(amazon.Error);
        Assert.Contains("payload.FinancialEvents.SAFETReimbursementEventList[0].ReimbursedAmount.CurrencyCode", amazon.Error, StringComparison.Ordinal);
        Assert.Equal(0, amazon.Imported);
        Assert.Empty(await settle.Store.ListPayoutLinesAsync("acme", SalesChannel.Amazon, SettlementTestApp.AccountId(SalesChannel.Amazon), "G-25", Token));
    }

    [Fact]
    public async Task AmazonGroupWithDebtRecovery_IsNotReconcilable_NamingTheListsAndCounts_AndIsNoMismatchButUnchecked()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9022", placed);
        var paid = PaidOrder("9022", placed, "G-22");
        var posted = placed.AddHours(50);

        // Amazon recovered a debt twice from the proceeds and retro-charged tax once, in lists the import does not read;
        // the SAFE-T claim is read. Paid 52.79 + 12.50 - 30.00 - 10.00 - 1.20 = 24.09, the rows read add up to 65.29.
        settle.Marketplace.PutPayout(SalesChannel.Amazon, paid with
        {
            Rows =
            [
                .. paid.Rows,
                new StubSettlementRow(null, StubSettlementKind.Adjustment, 12.50m, posted) { AmazonList = "SAFETReimbursementEventList" },
                new StubSettlementRow(null, StubSettlementKind.Adjustment, -30.00m, posted) { AmazonList = "DebtRecoveryEventList" },
                new StubSettlementRow(null, StubSettlementKind.Adjustment, -10.00m, posted.AddHours(2)) { AmazonList = "DebtRecoveryEventList" },
                new StubSettlementRow("9022", StubSettlementKind.Adjustment, -1.20m, posted) { AmazonList = "RetrochargeEventList" },
            ],
        });

        var amazon = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);

        Assert.Null(amazon.Error);
        var payout = Assert.Single(amazon.Payouts);
        Assert.False(payout.IsMismatch, $"Payout G-22 was reported as a mismatch of {payout.Difference}.");
        Assert.False(payout.IsReconcilable);
        Assert.Equal((24.09m, 65.29m), (payout.Payout.Amount, payout.Expected));
        Assert.Equal([new UnreadEventList("DebtRecoveryEventList", 2), new UnreadEventList("RetrochargeEventList", 1)], payout.Payout.UnreadEvents);
        Assert.Equal(6, amazon.Imported);
        Assert.Empty(await settle.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.PayoutMismatch, cancellationToken: Token));

        // Not a mismatch, but finance is told it must check the payout by hand (UncheckedPayouts covers the alert itself).
        Assert.Single(await settle.App.Services.GetRequiredService<IAlertStore>().ListAsync("acme", kind: AlertKind.PayoutUnchecked, cancellationToken: Token));
        Assert.Empty((await settle.Store.ListReconciliationsAsync("acme", mismatchesOnly: true, new PageRequest(100), Token)).Items);
        var stored = Assert.Single((await settle.Store.ListReconciliationsAsync("acme", mismatchesOnly: false, new PageRequest(100), Token)).Items);
        Assert.Equal(payout.Payout.UnreadEvents, stored.Payout.UnreadEvents);
        Assert.Equal(payout.CannotBeChecked, stored.CannotBeChecked);

        // Finance sees it as a payout that cannot be checked, and why, not among the mismatches.
        Assert.Empty(await ListPayoutsAsync(settle, mismatchesOnly: true));
        var listed = Assert.Single(await ListPayoutsAsync(settle, mismatchesOnly: false));
        Assert.False(listed.GetProperty("isReconcilable").GetBoolean());
        Assert.Equal(
            "Cannot be checked: Amazon listed events this import does not read: DebtRecoveryEventList (2), RetrochargeEventList (1).",
            listed.GetProperty("cannotBeChecked").GetString());
        Assert.Equal(
            ["DebtRecoveryEventList 2", "RetrochargeEventList 1"],
            listed.GetProperty("payout").GetProperty("unreadEvents").EnumerateArray().Select(u => $"{u.GetProperty("list").GetString()} {u.GetProperty("events").GetInt32()}"));

        // Each unread list is logged once per import, by name and count, without amounts or order ids.
        var logged = settle.App.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Message.Contains("does not read", StringComparison.Ordinal)).Select(r => r.Message).ToList();
        Assert.Equal(2, logged.Count);
        Assert.Contains(logged, m => m.Contains("DebtRecoveryEventList", StringComparison.Ordinal) && m.Contains(" 2 ", StringComparison.Ordinal));
        Assert.All(logged, m => Assert.DoesNotContain("9022", m, StringComparison.Ordinal));
        Assert.All(logged, m => Assert.DoesNotContain("30.00", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AmazonGroupWithOnlyEmptyUnreadLists_StillReconciles()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var placed = DateTimeOffset.UtcNow.AddDays(-5);
        await settle.PutOrderAsync(SalesChannel.Amazon, "9023", placed);

        // The stub, as Amazon, serves DebtRecoveryEventList, RetrochargeEventList and others as [] in every answer.
        settle.Marketplace.PutPayout(SalesChannel.Amazon, PaidOrder("9023", placed, "G-23"));

        var amazon = SettlementTestApp.For(await settle.RunAsync(), SalesChannel.Amazon);

        var payout = Assert.Single(amazon.Payouts);
        Assert.Equal((52.79m, 0m, false, true), (payout.Expected, payout.Difference, payout.IsMismatch, payout.IsReconcilable));
        var listed = Assert.Single(await ListPayoutsAsync(settle, mismatchesOnly: false));
        Assert.True(listed.GetProperty("isReconcilable").GetBoolean());
        Assert.True(!listed.TryGetProperty("cannotBeChecked", out var reason) || reason.ValueKind == JsonValueKind.Null);
        Assert.Empty(listed.GetProperty("payout").GetProperty("unreadEvents").EnumerateArray());
    }

    [Fact]
    public async Task PayoutReconciliation_StoredBeforeUnreadLists_ReadsAsBefore()
    {
        await using var settle = await SettlementTestApp.StartAsync(fixture);
        var payout = new SettlementPayout(SalesChannel.Amazon, SettlementTestApp.AccountId(SalesChannel.Amazon), "G-24", 40.00m, "USD", DateTimeOffset.UtcNow.AddDays(-1));
        await settle.Store.PutReconciliationAsync("acme", new PayoutReconciliation(payout, 52.79m, -12.79m, ["t1"], []), DateTimeOffset.UtcNow, Token);

        // The document as it was written before payouts named unread lists: none of the new fields.
        var container = settle.App.Services.GetRequiredService<CosmosContainers>().Client.GetContainer(
            settle.App.Services.GetRequiredService<CosmosContainers>().DatabaseName, CosmosContainers.ReviewDataName);
        var id = PayoutReconciliationDocument.IdOf(payout);
        var pk = new PartitionKey(PayoutReconciliationDocument.PartitionOf("acme"));
        using var read = await container.ReadItemStreamAsync(id, pk, cancellationToken: Token);
        var document = JsonNode.Parse(read.Content)!.AsObject();
        var reconciliation = document["reconciliation"]!.AsObject();
        document.Remove("notReconcilable");
        reconciliation.Remove("isReconcilable");
        reconciliation.Remove("cannotBeChecked");
        Assert.True(reconciliation["payout"]!.AsObject().Remove("unreadEvents"), "The stored payout names its unread lists (none).");
        using var old = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString()));
        using var written = await container.UpsertItemStreamAsync(old, pk, cancellationToken: Token);
        Assert.True(written.IsSuccessStatusCode, written.ErrorMessage);

        var stored = Assert.Single((await settle.Store.ListReconciliationsAsync("acme", mismatchesOnly: true, new PageRequest(100), Token)).Items);
        Assert.Equal((-12.79m, true, true, null), (stored.Difference, stored.IsReconcilable, stored.IsMismatch, stored.CannotBeChecked));
        Assert.Empty(stored.Payout.UnreadEvents);
    }

    private static async Task<List<JsonElement>> ListPayoutsAsync(SettlementTestApp settle, bool mismatchesOnly)
    {
        using var response = await settle.App.Client.Http.GetAsync($"api/brands/acme/settlements/payouts{(mismatchesOnly ? "?mismatches=true" : string.Empty)}", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>"{event list} {kind} {fee type} {amount}": the list is where the row came from (its source, up to the first index).</summary>
    private static string ListKindTypeAmount(SettlementLine line) => string.Join(' ', new[]
    {
        (line.Source ?? string.Empty).Split('[')[0].Split('.')[^1], line.Kind.ToString(), line.FeeType, line.Amount.ToString("0.00", CultureInfo.InvariantCulture),
    }.OfType<string>());
}
