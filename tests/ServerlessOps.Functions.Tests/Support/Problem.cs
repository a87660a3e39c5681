using System.Net;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>Checks an RFC 7807 answer: the media type and every member a client relies on.</summary>
public static class Problem
{
    /// <summary>As <see cref="AssertAsync"/>, and the problem's type is the catalogue entry <paramref name="typeSlug"/>.</summary>
    /// <returns>The problem's detail text.</returns>
    public static async Task<string> AssertOfTypeAsync(HttpResponseMessage response, HttpStatusCode status, string typeSlug, params string[] detailContains)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var detail = await AssertAsync(response, status, detailContains);
        Assert.EndsWith("/" + typeSlug, Json.Parse(body).Str("type"), StringComparison.Ordinal);
        return detail;
    }

    /// <returns>The problem's detail text.</returns>
    public static async Task<string> AssertAsync(HttpResponseMessage response, HttpStatusCode status, params string[] detailContains)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Json.Parse(body);
        Assert.StartsWith("https://", problem.Str("type"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("title")));
        Assert.Equal((int)status, problem.Number("status"));
        var detail = problem.Str("detail");
        Assert.False(string.IsNullOrWhiteSpace(detail));
        foreach (var part in detailContains)
        {
            Assert.Contains(part, detail, StringComparison.OrdinalIgnoreCase);
        }

        return detail;
    }
}
