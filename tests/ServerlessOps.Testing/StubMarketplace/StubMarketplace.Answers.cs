using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

public sealed partial class StubMarketplace
{
    private async Task AnswerAsync(
        HttpContext context, SalesChannel channel, DateTimeOffset receivedAt, int statusCode, string body, string outcome, StubFault? fault = null)
    {
        _requests.Add(new StubRequest(channel, context.Request.Method, context.Request.Path.Value ?? "/", receivedAt, statusCode, outcome));
        context.Response.StatusCode = statusCode;
        if (fault?.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = fault.RetryAfterAsHttpDate
                ? DateTimeOffset.UtcNow.Add(wait).ToString("r", CultureInfo.InvariantCulture)
                : ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static bool SameSecret(string? received, string expected) =>
        received is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(received), Encoding.UTF8.GetBytes(expected));

    private static string Header(HttpContext context, string name) => context.Request.Headers[name].ToString();

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
