using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Api.Alerts;

/// <summary>
/// GET /api/brands/{brandId}/alerts answers in pages (?limit=, ?after=, Link rel="next"), most recently seen first, and
/// the Link keeps the state and kind filters, because a brand keeps an alert per late order, short SKU or failed push
/// it ever had and the list read them all at once.
/// </summary>
public sealed class AlertPagingTests(FunctionAppFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alerts_MoreThanAPageOfOneStateAndKind_LinkChainKeepsTheFiltersAndListsEachOnceMostRecentlySeenFirst()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<IAlertStore>();
        var ids = await SeedAsync(store, AlertKind.SlaMissed, ("o-a", 0), ("o-b", 1), ("o-c", 1), ("o-d", 1), ("o-e", 3));
        await SeedAsync(store, AlertKind.StockShort, ("o-x", 2));

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/alerts?state=open&kind=sla-missed&limit=2");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Length));
        string[] tiedNewestIdFirst = [.. new[] { "o-b", "o-c", "o-d" }.Select(o => ids[o]).OrderDescending(StringComparer.Ordinal)];
        Assert.Equal([ids["o-e"], .. tiedNewestIdFirst, ids["o-a"]], pages.SelectMany(p => p.Items).Select(a => a.Str("id")));
        Assert.All(pages.Take(2), p => Assert.Contains("state=open", p.Next, StringComparison.Ordinal));
        Assert.All(pages.Take(2), p => Assert.Contains("kind=sla-missed", p.Next, StringComparison.Ordinal));
        Assert.Null(pages[^1].Next);
    }

    [Fact]
    public async Task Alerts_RaisedOrSeenAgainBetweenPages_LaterPagesNeitherRepeatNorSkipTheOthers()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<IAlertStore>();
        var ids = await SeedAsync(store, AlertKind.SlaMissed, ("o-a", 0), ("o-b", 1), ("o-c", 2), ("o-d", 3));

        var first = await PagedList.GetPageAsync(app.Client.Http, "/api/brands/acme/alerts?limit=2");
        await SeedAsync(store, AlertKind.SlaMissed, ("o-new", 5));
        var seenAgain = (await store.GetAsync("acme", ids["o-d"], Token))!;
        await store.ReplaceAsync(seenAgain, seenAgain.Value with { LastSeen = Noon.AddMinutes(6), Occurrences = 2 }, Token);
        var rest = await PagedList.GetAllPagesAsync(app.Client.Http, first.Next ?? throw new InvalidOperationException("The first page has no Link."));

        Assert.Equal([ids["o-d"], ids["o-c"], ids["o-b"], ids["o-a"]], first.Items.Concat(rest.SelectMany(p => p.Items)).Select(a => a.Str("id")));
    }

    /// <summary>Stores an open alert per order, last seen at noon plus the minutes given; returns each order's alert id.</summary>
    private static async Task<Dictionary<string, string>> SeedAsync(IAlertStore store, AlertKind kind, params (string OrderId, int Minutes)[] alerts)
    {
        var ids = new Dictionary<string, string>();
        foreach (var (orderId, minutes) in alerts)
        {
            var alert = AlertRaising.Decide(
                null,
                new AlertRaise("acme", kind, AlertSubject.Order(orderId), $"{orderId} needs attention."),
                "ops@acme-outfitters.example",
                Noon.AddMinutes(minutes),
                AlertRenotifyPolicy.Default,
                notify: false).Alert;
            ids[orderId] = (await store.CreateAsync(alert, Token)).Value.Id;
        }

        return ids;
    }
}
