using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Settlements;

namespace ServerlessOps.Functions.Tests.Api.Settlements;

/// <summary>
/// GET /api/brands/{brandId}/settlements/payouts answers in pages (?limit=, ?after=, Link rel="next") and the Link keeps
/// the mismatches filter, because a brand gets a reconciled payout per account per payout day, kept for good, and the list
/// read them all at once. Reconciliations are stored directly, so their paid-at times (and ties among them) are chosen by
/// the test.
/// </summary>
public sealed class PayoutPagingTests(FunctionAppFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Payouts_MoreThanAPageOfMismatches_LinkChainKeepsTheFilterAndListsEachOnceLatestFirstTiesByIdDescending()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<ISettlementStore>();
        // Three mismatches share one paid-at, so a page boundary falls inside the tie; reconciled payouts sit between them.
        await SeedAsync(store, difference: 5m, ("p-a", 0), ("p-b", 1), ("p-c", 1), ("p-d", 1), ("p-e", 3));
        await SeedAsync(store, difference: 0m, ("p-r1", 1), ("p-r2", 2), ("p-r3", 4));

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/settlements/payouts?mismatches=true&limit=2");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Length));
        Assert.Equal(["p-e", "p-d", "p-c", "p-b", "p-a"], pages.SelectMany(p => p.Items).Select(PayoutId));
        Assert.All(pages.Take(2), p => Assert.Contains("mismatches=true", p.Next, StringComparison.Ordinal));
        Assert.Null(pages[^1].Next);
    }

    [Fact]
    public async Task Payouts_AllOfThemAcrossPages_EveryPayoutOnceAndTheLastPageWithoutLink()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<ISettlementStore>();
        await SeedAsync(store, difference: 5m, ("p-a", 0), ("p-c", 2));
        await SeedAsync(store, difference: 0m, ("p-b", 1), ("p-d", 2));

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/settlements/payouts?limit=3");
        var whole = await PagedList.GetPageAsync(app.Client.Http, "/api/brands/acme/settlements/payouts");

        Assert.Equal(["p-d", "p-c", "p-b", "p-a"], pages.SelectMany(p => p.Items).Select(PayoutId));
        Assert.Equal([3, 1], pages.Select(p => p.Items.Length));
        Assert.Equal(["p-d", "p-c", "p-b", "p-a"], whole.Items.Select(PayoutId));
        Assert.Null(whole.Next);
    }

    [Fact]
    public async Task Payouts_PaidAtMovesBetweenPages_NextPagesNeitherRepeatNorSkipAndShowTheNewDate()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<ISettlementStore>();
        await SeedAsync(store, difference: 0m, ("p-a", 0), ("p-b", 1), ("p-c", 2), ("p-d", 3), ("p-e", 4));

        var first = await PagedList.GetPageAsync(app.Client.Http, "/api/brands/acme/settlements/payouts?limit=2");
        // Amazon gives a closed group's FundTransferDate only once the transfer starts: a later import reads p-b paid later.
        await SeedAsync(store, difference: 0m, ("p-b", 10));
        var rest = await PagedList.GetAllPagesAsync(app.Client.Http, first.Next ?? throw new InvalidOperationException("The first page has no Link."));

        var listed = first.Items.Concat(rest.SelectMany(p => p.Items)).ToList();
        Assert.Equal(["p-e", "p-d", "p-c", "p-b", "p-a"], listed.Select(PayoutId));
        Assert.Equal(Noon.AddMinutes(10), DateTimeOffset.Parse(listed[3].GetProperty("payout").Str("paidAt"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Payouts_StoredBeforeTheListWasPaged_AreKeyedOnTheFirstReadAndListedInTheirPlace()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<ISettlementStore>();
        await SeedAsync(store, difference: 0m, ("p-a", 0), ("p-b", 1), ("p-c", 2), ("p-d", 3));
        // p-b and p-d as the store wrote them before paging: without the sort key.
        var container = ReviewData(app);
        await RemoveSortKeyAsync(container, "p-b");
        await RemoveSortKeyAsync(container, "p-d");

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/settlements/payouts?limit=3");

        Assert.Equal(["p-d", "p-c", "p-b", "p-a"], pages.SelectMany(p => p.Items).Select(PayoutId));
        Assert.Equal("2026-11-02T12:01:00.0000000Z", (await ReadRawAsync(container, "p-b"))["paidAtKey"]?.GetValue<string>());
    }

    private static Container ReviewData(TestApp app)
    {
        var containers = app.Services.GetRequiredService<CosmosContainers>();
        return containers.Client.GetContainer(containers.DatabaseName, CosmosContainers.ReviewDataName);
    }

    private static async Task<JsonObject> ReadRawAsync(Container container, string payoutId)
    {
        var id = PayoutReconciliationDocument.IdOf(new SettlementPayout(SalesChannel.Shopify, "acme-shopify", payoutId, 0m, "USD", Noon));
        using var read = await container.ReadItemStreamAsync(id, new PartitionKey(PayoutReconciliationDocument.PartitionOf("acme")), cancellationToken: Token);
        Assert.True(read.IsSuccessStatusCode, read.ErrorMessage);
        return JsonNode.Parse(read.Content)!.AsObject();
    }

    private static async Task RemoveSortKeyAsync(Container container, string payoutId)
    {
        var document = await ReadRawAsync(container, payoutId);
        Assert.True(document.Remove("paidAtKey"), $"{payoutId} was stored with its sort key.");
        using var old = new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));
        using var written = await container.UpsertItemStreamAsync(old, new PartitionKey(PayoutReconciliationDocument.PartitionOf("acme")), cancellationToken: Token);
        Assert.True(written.IsSuccessStatusCode, written.ErrorMessage);
    }

    private static string PayoutId(JsonElement reconciliation) => reconciliation.GetProperty("payout").Str("payoutId");

    /// <param name="difference">Paid − expected: more than a cent either way is a mismatch.</param>
    private static async Task SeedAsync(ISettlementStore store, decimal difference, params (string PayoutId, int Minutes)[] payouts)
    {
        foreach (var (payoutId, minutes) in payouts)
        {
            var payout = new SettlementPayout(SalesChannel.Shopify, "acme-shopify", payoutId, 100m + difference, "USD", Noon.AddMinutes(minutes));
            await store.PutReconciliationAsync("acme", new PayoutReconciliation(payout, 100m, difference, [$"tx-{payoutId}"], []), Noon.AddDays(1), Token);
        }
    }
}
