using System.Net;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Api;

/// <summary>
/// Every paged list refuses a bad page size or cursor with a 400 naming the parameter, filters or not, rather than ignoring
/// it and answering everything; and a cursor of one list is refused by another.
/// </summary>
public sealed class PagedListParameterTests(FunctionAppFixture fixture)
{
    [Theory]
    [InlineData("api/brands/acme/privacy-requests?limit=0", "'limit'")]
    [InlineData("api/brands/acme/privacy-requests?limit=501", "'limit'")]
    [InlineData("api/brands/acme/privacy-requests?limit=ten", "'limit'")]
    [InlineData("api/brands/acme/privacy-requests?after=not*a*cursor", "'after'")]
    [InlineData("api/brands/acme/privacy-requests?after=", "'after'")]
    [InlineData("api/brands/acme/quarantine?state=open&limit=501", "'limit'")]
    [InlineData("api/brands/acme/quarantine?after=bm90IGEgY3Vyc29y", "'after'")]
    [InlineData("api/brands/acme/alerts?limit=0", "'limit'")]
    [InlineData("api/brands/acme/alerts?kind=sla-missed&limit=501", "'limit'")]
    [InlineData("api/brands/acme/alerts?after=bm90IGEgY3Vyc29y", "'after'")]
    [InlineData("api/brands/acme/settlements/payouts?limit=0", "'limit'")]
    [InlineData("api/brands/acme/settlements/payouts?mismatches=true&limit=501", "'limit'")]
    [InlineData("api/brands/acme/settlements/payouts?after=not*a*cursor", "'after'")]
    [InlineData("api/brands/acme/settlements/payouts?mismatches=true&after=bm90IGEgY3Vyc29y", "'after'")]
    [InlineData("api/brands/acme/reports?limit=0", "'limit'")]
    [InlineData("api/brands/acme/reports?kind=daily&after=bm90IGEgY3Vyc29y", "'after'")]
    [InlineData("api/brands/acme/reports/links?limit=501", "'limit'")]
    [InlineData("api/brands/acme/reports/links?after=bm90IGEgY3Vyc29y", "'after'")]
    [InlineData("api/brands/acme/audit?limit=ten", "'limit'")]
    [InlineData("api/brands/acme/audit?after=bm90IGEgY3Vyc29y", "'after'")]
    [InlineData("api/brands/acme/price-overrides?sku=SKU-A&limit=501", "'limit'")]
    [InlineData("api/brands/acme/price-overrides?after=bm90IGEgY3Vyc29y", "'after'")]
    public async Task PagedList_BadLimitOrCursor_Is400ProblemNamingTheParameter(string url, string named)
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var response = await app.Client.Http.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.BadRequest, "invalid-parameter", named);
    }

    [Fact]
    public async Task PagedList_CursorOfAnotherList_Is400NamingAfter()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var audit = await PagedList.GetPageAsync(app.Client.Http, "/api/brands/acme/audit?limit=1");
        var cursor = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + (audit.Next ?? throw new InvalidOperationException("acme's audit has one page."))).Query)["after"];

        using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/acme/reports/links?after={cursor}", UriKind.Relative), TestContext.Current.CancellationToken);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.BadRequest, "invalid-parameter", "'after'");
    }
}
