using System.Net;
using System.Text.Json;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Whether an SP-API answer refuses the LWA access token itself. SP-API answers a bad token with 403, not 401, and an
/// <c>errors</c> body: <c>{"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.",
/// "details":"The access token you provided is revoked, malformed or invalid."}]}</c> (or "... has expired."). The same
/// 403 <c>Unauthorized</c> also answers a call the app's roles do not cover or the seller did not authorise, and there
/// <c>details</c> is empty (public reports: repost.aws "SP-API: 'Access to requested resource is denied'", amz-tools/amazon-sp-api
/// issue 10); a new token does not fix that. CHANNELS.md 2.x is silent on both. So only an <c>Unauthorized</c> error whose
/// details name the access token counts; were Amazon to word a permission refusal so, it would cost one token call per
/// account (the renewal's single flight) and the second 403 would be the answer.
/// </summary>
internal static class AmazonTokenRefusal
{
    public static bool IsRefusal(HttpStatusCode status, ReadOnlySpan<byte> body)
    {
        if (status != HttpStatusCode.Forbidden)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object
                    && Text(error, "code") == "Unauthorized"
                    && Text(error, "details") is { } details
                    && details.Contains("access token", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
