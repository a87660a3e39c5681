using System.Text.Json;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>One shop a TikTok Shop authorisation covers: its id (our account id) and the <c>cipher</c> every call names it by.</summary>
public sealed record TikTokAuthorizedShop(string Id, string Cipher, string? Name, string? Region);

/// <summary>
/// Get Authorized Shops, <c>GET /authorization/202309/shops</c> on <c>Channels:TikTokShop:BaseUrl</c>, signed like every
/// Open API call (<see cref="TikTokRequestSigner"/>) with the token just obtained: which shops the seller authorised and
/// their ciphers. Sent through the token client (not logged, not traced).
/// </summary>
public sealed class TikTokShopAuthorizedShops(
    TokenEndpoint endpoint, IOptionsMonitor<ChannelApiOptions> channels, IOptionsMonitor<ChannelAppOptions> apps, TimeProvider time)
{
    private const string Path = "authorization/202309/shops";
    private const string Operation = "GET /authorization/202309/shops";

    public async Task<IReadOnlyList<TikTokAuthorizedShop>> ListAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        var app = apps.CurrentValue.TikTokShop;
        var baseUrl = channels.CurrentValue.TikTokShop.BaseUrl;
        var baseUri = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        var uri = new Uri(baseUri, Path);
        var query = new List<KeyValuePair<string, string>> { new("app_key", app.AppKey), new("timestamp", TikTokRequestSigner.Timestamp(time.GetUtcNow())) };
        query.Add(new("sign", TikTokRequestSigner.Sign(app.AppSecret, uri.AbsolutePath, query)));
        var queryString = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

        var answer = await endpoint.SendAsync(
            SalesChannel.TikTokShop, Operation,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"{Path}?{queryString}"));
                request.Headers.TryAddWithoutValidation(ChannelTokenHeaders.TikTokShop, accessToken);
                request.Headers.Accept.ParseAdd("application/json");
                return request;
            },
            cancellationToken);
        if (!answer.IsSuccess || answer.Number("code") is not 0)
        {
            throw endpoint.Refused(SalesChannel.TikTokShop, Operation, answer, "the authorised shops could not be listed.");
        }

        var shops = new List<TikTokAuthorizedShop>();
        if (answer.Json is { } json && json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("shops", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var shop in list.EnumerateArray())
            {
                var item = new TokenEndpointAnswer(answer.Status, shop, null);
                if (item.Text("id") is { Length: > 0 } id && item.Text("cipher") is { Length: > 0 } cipher)
                {
                    shops.Add(new TikTokAuthorizedShop(id, cipher, item.Text("name"), item.Text("region")));
                }
            }
        }

        return shops;
    }
}
