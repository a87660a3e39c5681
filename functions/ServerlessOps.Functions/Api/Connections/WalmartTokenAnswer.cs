using System.Text.Json.Serialization;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>An OAuth 2.0 token response (RFC 6749 5.1), as Walmart expects from an OAUTH subscription's token endpoint.</summary>
public sealed record WalmartTokenAnswer(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn)
{
    public override string ToString() => $"WalmartTokenAnswer {{ AccessToken = ***, TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";
}
