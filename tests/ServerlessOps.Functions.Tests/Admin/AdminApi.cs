using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Admin;

/// <summary>The admin API as an operator calls it (the local operator's key: every role, every brand), keeping every body seen.</summary>
internal sealed class AdminApi(HttpClient http)
{
    /// <summary>Every response body, for "no secret in any response" checks.</summary>
    public List<string> Bodies { get; } = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null);

    public Task<Answer> PostAsync(string path, object? body, string? ifMatch = null) => SendAsync(HttpMethod.Post, path, body, ifMatch);

    public Task<Answer> PutAsync(string path, object body, string? ifMatch = null) => SendAsync(HttpMethod.Put, path, body, ifMatch);

    public Task<Answer> DeleteAsync(string path, string? ifMatch = null) => SendAsync(HttpMethod.Delete, path, null, ifMatch);

    private async Task<Answer> SendAsync(HttpMethod method, string path, object? body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ifMatch}\""));
        }

        using var response = await http.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Bodies.Add(text);
        return new Answer(response.StatusCode, text, response.Headers.ETag?.Tag.Trim('"'), response.Content.Headers.ContentType?.MediaType);
    }

    public sealed record Answer(HttpStatusCode Status, string Body, string? ETag, string? MediaType)
    {
        public JsonElement Json => Support.Json.Parse(Body);

        public Answer Expect(HttpStatusCode status)
        {
            Assert.True(Status == status, $"Expected {(int)status}, got {(int)Status}: {Body}");
            return this;
        }

        /// <summary>A problem of <paramref name="typeSlug"/>; returns its field errors (field names) when it has them.</summary>
        public string[] ExpectProblem(HttpStatusCode status, string typeSlug)
        {
            Expect(status);
            Assert.Equal("application/problem+json", MediaType);
            Assert.EndsWith("/" + typeSlug, Json.Str("type"), StringComparison.Ordinal);
            return Json.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray().Select(e => e.Str("field"))] : [];
        }
    }
}
