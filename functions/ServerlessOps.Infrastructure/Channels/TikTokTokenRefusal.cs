using System.Text.Json;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Whether a TikTok Shop Open API answer refuses the access token itself. TikTok answers a refused call with a JSON
/// envelope <c>{"code": non-zero, "message", "request_id"}</c>, often with HTTP 200 (CHANNELS.md 4.7: a numeric
/// <c>code</c>, 0 = success), so the status does not say it. An expired access token is code 105002, "access token is
/// expired, please refresh it" (a real answer quoted in phamkhanhminhman97/shopee-tiktok-lazada-api issue 2, 2024-12-03;
/// CHANNELS.md 4.x is silent on token codes). Only that code counts: no other code for an invalid or revoked access
/// token was found in a public source, and any other code (a sign, a parameter, a permission) is not fixed by a new token.
/// </summary>
internal static class TikTokTokenRefusal
{
    /// <summary>TikTok Shop's code for an expired access token.</summary>
    public const long ExpiredAccessToken = 105002;

    /// <summary>Reads the envelope's top-level <c>code</c> only, skipping <c>data</c> unparsed: success pages can be large.</summary>
    public static bool IsRefusal(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("code"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isCode)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var code) && code == ExpiredAccessToken;
                }

                if (!reader.TrySkip())
                {
                    return false;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
