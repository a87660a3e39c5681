using System.Text.Json.Nodes;
using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// A signed TikTok Shop Open API request (CHANNELS.md 4.6): the call's own parameters, then <c>app_key</c>,
/// <c>timestamp</c>, <c>shop_cipher</c> (when the shop has one) and the <c>sign</c> over them, the path and the body
/// (<see cref="TikTokRequestSigner"/>); <c>x-tts-access-token</c>, <c>Accept: application/json</c>, and a JSON body
/// when there is one. TikTok puts its request id in the answer's body (<c>request_id</c>), not in a header.
/// </summary>
internal static class TikTokRequest
{
    /// <summary>
    /// The account's credential when it can sign; else a <see cref="ChannelApiCredentialMissingException"/> naming the
    /// account and which of its <paramref name="calls"/> cannot be made.
    /// </summary>
    public static ChannelApiCredential RequireSigningKeys(ChannelApiCredential credential, ChannelAccount account, string calls)
    {
        if (string.IsNullOrEmpty(credential.AppKey) || string.IsNullOrEmpty(credential.AppSecret))
        {
            throw new ChannelApiCredentialMissingException(
                $"TikTok Shop account {account.AccountId} of brand {account.BrandId} has no app key or app secret; its {calls} cannot be signed.");
        }

        return credential;
    }

    /// <param name="baseAddress">The client's base address: the sign covers the absolute path the request will have.</param>
    /// <param name="path">Relative to <paramref name="baseAddress"/>, without a query.</param>
    /// <param name="credential">One that passed <see cref="RequireSigningKeys"/>.</param>
    /// <param name="accountId">The shop account the credential is of (<see cref="ChannelApiAccount"/>).</param>
    /// <param name="now">The <c>timestamp</c>; TikTok refuses one far from its clock.</param>
    public static HttpRequestMessage Create(
        Uri? baseAddress,
        HttpMethod method,
        string path,
        ChannelApiCredential credential,
        string accountId,
        DateTimeOffset now,
        IEnumerable<KeyValuePair<string, string>> parameters,
        byte[]? body = null)
    {
        var query = new List<KeyValuePair<string, string>>(parameters)
        {
            new("app_key", credential.AppKey!),
            new("timestamp", TikTokRequestSigner.Timestamp(now)),
        };
        if (!string.IsNullOrEmpty(credential.ShopCipher))
        {
            query.Add(new("shop_cipher", credential.ShopCipher));
        }

        var absolutePath = new Uri(baseAddress ?? new Uri("http://localhost/"), path).AbsolutePath;
        query.Add(new("sign", TikTokRequestSigner.Sign(credential.AppSecret!, absolutePath, query, body)));
        var queryString = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

        var request = new HttpRequestMessage(method, $"{path}?{queryString}");
        request.Headers.TryAddWithoutValidation(ChannelTokenHeaders.TikTokShop, credential.AccessToken);
        request.Headers.Accept.ParseAdd("application/json");
        ChannelApiAccount.Set(request, accountId);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    /// <summary>The body's <c>request_id</c>; null when the body is not JSON (a proxy's error page) or has none.</summary>
    public static string? RequestIdOf(HttpResponseMessage response, string body)
    {
        try
        {
            return JsonNode.Parse(body)?["request_id"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
