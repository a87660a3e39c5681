using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Signatures;

namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>
/// Checks a Walmart delivery by the account's <see cref="ChannelCredentials.AuthMethod"/> (CHANNELS.md 3.2), and,
/// whenever <c>WM_SEC.SIGNATURE</c> is present, also verifies it (the working rule of 3.2): a delivery that carries a
/// signature must carry a valid one. The signature is checked against <see cref="ChannelCredentials.SigningSecrets"/>
/// (the account's own WM_SEC secrets when it has them, else its webhook secrets), and with
/// <see cref="ChannelCredentials.RequireSignature"/> a delivery without one is refused.
/// </summary>
public static class WalmartAuthenticator
{
    public static bool Verify(WebhookRequest request, ChannelCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var method = string.IsNullOrWhiteSpace(credentials.AuthMethod) ? WalmartAuthMethods.Header : credentials.AuthMethod.Trim();
        var headerName = string.IsNullOrWhiteSpace(credentials.CredentialHeader) ? WalmartAuthMethods.DefaultHeader : credentials.CredentialHeader.Trim();
        var presented = WebhookHeaders.FindNonBlank(request.Headers, headerName);
        var signaturePresent = WebhookHeaders.FindNonBlank(request.Headers, WalmartSignature.SignatureHeader) is not null;
        if (credentials.RequireSignature && !signaturePresent)
        {
            return false;
        }

        bool primary;
        if (Is(method, WalmartAuthMethods.Header))
        {
            primary = SignatureComparer.MatchesAnySecret(presented, credentials.Secrets);
        }
        else if (Is(method, WalmartAuthMethods.Basic))
        {
            primary = BasicCredential.Matches(presented, credentials.Secrets, prefixOptional: true);
        }
        else if (Is(method, WalmartAuthMethods.Hmac))
        {
            primary = HmacMatches(presented, request.Body.Span, credentials.Secrets);
        }
        else if (Is(method, WalmartAuthMethods.OAuth))
        {
            // A bearer we issued (WalmartBearerToken): its expiry is checked at the time the edge received the call;
            // a request without that time cannot be checked, so it fails closed.
            primary = request.ReceivedAt is { } receivedAt && WalmartBearerToken.Verify(presented, credentials.Secrets, receivedAt);
        }
        else if (Is(method, WalmartAuthMethods.Signature))
        {
            return WalmartSignature.Verify(request, credentials.SigningSecrets);
        }
        else
        {
            // An unknown method is a configuration error; failing closed keeps it from becoming an open door.
            return false;
        }

        return primary && (!signaturePresent || WalmartSignature.Verify(request, credentials.SigningSecrets));
    }

    // The HMAC method's output encoding is not documented (VECTORS.md gives both candidates): accept hex or base64.
    private static bool HmacMatches(string? presented, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets)
    {
        if (presented is null || body.IsEmpty)
        {
            return false;
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                var digest = HmacSha256.Compute(secret, body);
                matched |= SignatureComparer.HexDigestEquals(presented, digest) | SignatureComparer.Base64DigestEquals(presented, digest);
            }
        }

        return matched;
    }

    private static bool Is(string method, string expected) => string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);
}
