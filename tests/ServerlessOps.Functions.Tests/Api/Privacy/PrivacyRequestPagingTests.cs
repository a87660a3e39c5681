using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Api.Privacy;

/// <summary>
/// GET /api/brands/{brandId}/privacy-requests answers in pages (?limit=, ?after=, Link rel="next"), because a brand
/// collects a customers/redact for every customer who asks. Requests are stored directly, so their received-at times (and
/// ties among them) are chosen by the test.
/// </summary>
public sealed class PrivacyRequestPagingTests(FunctionAppFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PrivacyRequests_MoreThanAPage_LinkChainListsEveryRequestOnceNewestFirstTiesByIdDescending()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<IPrivacyRequestStore>();
        // Three requests share one received-at, so a page boundary falls inside the tie.
        await SeedAsync(store, ("pr-a", 0), ("pr-b", 1), ("pr-c", 1), ("pr-d", 1), ("pr-e", 2), ("pr-f", 3), ("pr-g", 3));

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/privacy-requests?limit=3");

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Length));
        Assert.Equal(["pr-g", "pr-f", "pr-e", "pr-d", "pr-c", "pr-b", "pr-a"], pages.SelectMany(p => p.Items).Select(r => r.Str("id")));
        Assert.Null(pages[^1].Next);
        Assert.All(pages.Take(2), p => Assert.Contains("limit=3", p.Next, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrivacyRequests_RequestArrivesBetweenPages_NextPagesNeitherRepeatNorSkip()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<IPrivacyRequestStore>();
        await SeedAsync(store, ("pr-a", 0), ("pr-b", 1), ("pr-c", 2), ("pr-d", 3), ("pr-e", 4));

        var first = await PagedList.GetPageAsync(app.Client.Http, "/api/brands/acme/privacy-requests?limit=2");
        await SeedAsync(store, ("pr-new", 10), ("pr-tie", 4));
        var rest = await PagedList.GetAllPagesAsync(app.Client.Http, first.Next ?? throw new InvalidOperationException("The first page has no Link."));

        // pr-tie sorts before pr-e (same received-at, greater id), so it belongs to the page already read.
        Assert.Equal(["pr-e", "pr-d", "pr-c", "pr-b", "pr-a"], first.Items.Concat(rest.SelectMany(p => p.Items)).Select(r => r.Str("id")));
    }

    [Fact]
    public async Task PrivacyRequests_AtMostTheDefaultLimit_OnePageWithoutLink()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await SeedAsync(app.Services.GetRequiredService<IPrivacyRequestStore>(), ("pr-a", 0), ("pr-b", 1));

        var page = await PagedList.GetPageAsync(app.Client.Http, "/api/brands/acme/privacy-requests");

        Assert.Equal(["pr-b", "pr-a"], page.Items.Select(r => r.Str("id")));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task PrivacyRequests_CursorOfAnotherListOrWellFormedGarbage_Is400ProblemNamingAfter()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var foreign = Convert.ToBase64String(Encoding.UTF8.GetBytes("v1\nquarantine\n2026-11-02T12:00:00.0000000Z\nsh-1")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var garbage = Convert.ToBase64String(Encoding.UTF8.GetBytes("hello")).TrimEnd('=');

        using var ofAnotherList = await app.Client.Http.GetAsync(new Uri($"api/brands/acme/privacy-requests?after={foreign}", UriKind.Relative), Token);
        using var notACursor = await app.Client.Http.GetAsync(new Uri($"api/brands/acme/privacy-requests?after={garbage}", UriKind.Relative), Token);

        await Problem.AssertOfTypeAsync(ofAnotherList, HttpStatusCode.BadRequest, "invalid-parameter", "'after'");
        await Problem.AssertOfTypeAsync(notACursor, HttpStatusCode.BadRequest, "invalid-parameter", "'after'");
    }

    private static async Task SeedAsync(IPrivacyRequestStore store, params (string Id, int Minutes)[] requests)
    {
        foreach (var (id, minutes) in requests)
        {
            await store.CreateAsync(
                new PrivacyRequest
                {
                    Id = id,
                    BrandId = "acme",
                    Channel = SalesChannel.Shopify,
                    AccountId = "acme-shopify",
                    Kind = PrivacyRequestKind.CustomerRedact,
                    CustomerId = $"customer-{id}",
                    ReceivedAt = Noon.AddMinutes(minutes),
                    DueBy = Noon.AddDays(30),
                },
                Token);
        }
    }
}
