using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Api;

/// <summary>
/// GET /api/brands/{brandId}/quarantine answers in pages (?limit=, ?after=, Link rel="next") and the Link keeps the
/// state filter, because a channel outage can quarantine thousands of deliveries and the list read them all at once.
/// </summary>
public sealed class QuarantinePagingTests(FunctionAppFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Quarantine_MoreThanAPageOfOneState_LinkChainKeepsTheFilterAndListsEachOnceNewestFirst()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<IQuarantineStore>();
        await SeedAsync(store, QuarantineState.Open, ("dk-a", 0), ("dk-b", 1), ("dk-c", 1), ("dk-d", 2), ("dk-e", 3));
        await SeedAsync(store, QuarantineState.Resolved, ("dk-r", 2));

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/quarantine?state=open&limit=2");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Length));
        Assert.Equal(["dk-e", "dk-d", "dk-c", "dk-b", "dk-a"], pages.SelectMany(p => p.Items).Select(d => d.Str("deliveryKey")));
        Assert.All(pages.Take(2), p => Assert.Contains("state=open", p.Next, StringComparison.Ordinal));
        Assert.Null(pages[^1].Next);
    }

    [Fact]
    public async Task Quarantine_DeliveryQuarantinedBetweenPages_NextPagesNeitherRepeatNorSkip()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<IQuarantineStore>();
        await SeedAsync(store, QuarantineState.Open, ("dk-a", 0), ("dk-b", 1), ("dk-c", 2));

        var first = await PagedList.GetPageAsync(app.Client.Http, "/api/brands/acme/quarantine?limit=2");
        await SeedAsync(store, QuarantineState.Open, ("dk-new", 5));
        var rest = await PagedList.GetAllPagesAsync(app.Client.Http, first.Next ?? throw new InvalidOperationException("The first page has no Link."));

        Assert.Equal(["dk-c", "dk-b", "dk-a"], first.Items.Concat(rest.SelectMany(p => p.Items)).Select(d => d.Str("deliveryKey")));
    }

    private static async Task SeedAsync(IQuarantineStore store, QuarantineState state, params (string Key, int Minutes)[] deliveries)
    {
        foreach (var (key, minutes) in deliveries)
        {
            await store.CreateAsync(
                new QuarantinedDelivery
                {
                    DeliveryKey = key,
                    BrandId = "acme",
                    Channel = SalesChannel.Shopify,
                    DeliveryId = $"delivery-{key}",
                    Topic = "orders/create",
                    RawBlobName = $"raw/{key}.json",
                    Reason = "test",
                    QuarantinedAt = Noon.AddMinutes(minutes),
                    State = state,
                },
                Token);
        }
    }
}
