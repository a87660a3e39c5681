using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Signatures;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// EventBridge API destinations do not sign the body (CHANNELS.md 2.5): the connection adds a credential header and
/// we compare it, in constant time, with the account's secrets. An API-key connection sends the key under the header
/// name we chose (default <c>x-serverlessops-key</c>); a Basic connection sends <c>Authorization: Basic base64(user:pass)</c>,
/// checked against a secret stored as <c>user:pass</c>.
/// </summary>
public static class AmazonCredentialCheck
{
    public const string DefaultHeader = "x-serverlessops-key";
    public const string AuthorizationHeader = "Authorization";

    public static bool Verify(WebhookRequest request, ChannelCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var headerName = string.IsNullOrWhiteSpace(credentials.CredentialHeader) ? DefaultHeader : credentials.CredentialHeader.Trim();
        var presented = WebhookHeaders.Find(request, headerName);
        if (string.IsNullOrWhiteSpace(presented))
        {
            return false;
        }

        if (string.Equals(headerName, AuthorizationHeader, StringComparison.OrdinalIgnoreCase))
        {
            // Basic connection; an API-key connection whose key name is "Authorization" sends the bare key instead,
            // and presenting the stored secret itself proves the same knowledge.
            return BasicCredential.Matches(presented, credentials.Secrets, prefixOptional: false)
                | SignatureComparer.MatchesAnySecret(presented.Trim(), credentials.Secrets);
        }

        return SignatureComparer.MatchesAnySecret(presented.Trim(), credentials.Secrets);
    }
}
