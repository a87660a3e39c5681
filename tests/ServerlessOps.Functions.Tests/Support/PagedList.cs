using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>Reads a paged list route as a client would: one page, then the page its <c>Link: rel="next"</c> names.</summary>
public static partial class PagedList
{
    /// <summary>One page: its items and the next page's URL, or null when the answer had no <c>Link</c> (the last page).</summary>
    public sealed record ListPage(JsonElement[] Items, string? Next);

    /// <param name="itemsProperty">The wrapper object's property holding the page's items; null when the body is the array itself.</param>
    public static async Task<ListPage> GetPageAsync(HttpClient client, string url, string? itemsProperty = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        string? next = null;
        if (response.Headers.TryGetValues("Link", out var links))
        {
            var link = Assert.Single(links);
            var match = NextLink().Match(link);
            Assert.True(match.Success, $"GET {url}: Link header '{link}' is not <url>; rel=\"next\".");
            next = match.Groups["url"].Value;
        }

        return new ListPage(Json.Parse(body).Items(itemsProperty), next);
    }

    /// <summary>Every page from <paramref name="firstUrl"/> on, following <c>Link</c> until a page has none (at most 100 pages).</summary>
    public static async Task<List<ListPage>> GetAllPagesAsync(HttpClient client, string firstUrl, string? itemsProperty = null)
    {
        var pages = new List<ListPage>();
        string? url = firstUrl;
        while (url is not null)
        {
            Assert.True(pages.Count < 100, $"More than 100 pages from {firstUrl}: the Link chain does not end.");
            var page = await GetPageAsync(client, url, itemsProperty);
            pages.Add(page);
            url = page.Next;
        }

        return pages;
    }

    [GeneratedRegex("""^<(?<url>/[^>]+)>;\s*rel="next"$""")]
    private static partial Regex NextLink();
}
