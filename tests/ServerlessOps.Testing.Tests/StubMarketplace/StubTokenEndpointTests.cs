using System.Net;
using System.Text;
using System.Text.Json;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.StubMarketplace;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Testing.Tests.StubMarketplace;

/// <summary>
/// The stub's token endpoints over raw HTTP, as CHANNELS.md 6 describes the real ones: what the app's token tests rely
/// on (rotation with and without grace, wrong secrets, revocation, expiry) is pinned here, apart from the app.
/// </summary>
public sealed class StubTokenEndpointTests
{
    private const string Shop = "stub-tokens.myshopify.com";

    private static readonly StubApps Apps = StubApps.Default;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShopifyRefresh_RotatesAndKeepsThePreviousUntilTheReplacementIsUsed()
    {
        await using var stub = await Marketplace.StartAsync(Token);
        using var client = new HttpClient { BaseAddress = stub.BaseUrl };
        var first = await ShopifyAsync(client, ("grant_type", "authorization_code"), ("code", stub.Tokens.IssueCode(SalesChannel.Shopify, Shop)), ("expiring", "1"));
        var r0 = first.GetProperty("refresh_token").GetString()!;
        Assert.InRange(first.GetProperty("expires_in").GetInt32(), 3590, 3600);

        var r1 = (await ShopifyAsync(client, ("grant_type", "refresh_token"), ("refresh_token", r0))).GetProperty("refresh_token").GetString()!;
        var lostAnswerRecovered = (await ShopifyAsync(client, ("grant_type", "refresh_token"), ("refresh_token", r0))).GetProperty("refresh_token").GetString()!;
        var r3 = (await ShopifyAsync(client, ("grant_type", "refresh_token"), ("refresh_token", lostAnswerRecovered))).GetProperty("refresh_token").GetString()!;

        Assert.NotEqual(r0, r1);
        Assert.NotEqual(r1, lostAnswerRecovered);
        Assert.NotEqual(lostAnswerRecovered, r3);
        using var old = await PostFormAsync(client, $"shops/{Shop}/admin/oauth/access_token", Shopify(("grant_type", "refresh_token"), ("refresh_token", r0)));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Equal("invalid_grant", (await JsonAsync(old)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task ShopifyExchange_NonExpiringOrWrongSecret_IsRefused()
    {
        await using var stub = await Marketplace.StartAsync(Token);
        using var client = new HttpClient { BaseAddress = stub.BaseUrl };

        using var nonExpiring = await PostFormAsync(client, $"shops/{Shop}/admin/oauth/access_token", Shopify(("code", stub.Tokens.IssueCode(SalesChannel.Shopify, Shop))));
        using var wrongSecret = await PostFormAsync(client, $"shops/{Shop}/admin/oauth/access_token",
            [("client_id", Apps.ShopifyClientId), ("client_secret", "wrong"), ("code", stub.Tokens.IssueCode(SalesChannel.Shopify, Shop)), ("expiring", "1")]);

        Assert.Equal(HttpStatusCode.BadRequest, nonExpiring.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal("invalid_client", (await JsonAsync(wrongSecret)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task TikTokRefresh_RotatesWithoutGrace()
    {
        await using var stub = await Marketplace.StartAsync(Token);
        using var client = new HttpClient { BaseAddress = stub.BaseUrl };
        var code = stub.Tokens.IssueCode(SalesChannel.TikTokShop, "7490000000000000001");
        var r0 = (await TikTokAsync(client, "api/v2/token/get", $"auth_code={code}&grant_type=authorized_code")).GetProperty("data").GetProperty("refresh_token").GetString()!;

        var refreshed = await TikTokAsync(client, "api/v2/token/refresh", $"refresh_token={r0}&grant_type=refresh_token");
        var again = await TikTokAsync(client, "api/v2/token/refresh", $"refresh_token={r0}&grant_type=refresh_token");

        Assert.Equal(0, refreshed.GetProperty("code").GetInt64());
        Assert.NotEqual(r0, refreshed.GetProperty("data").GetProperty("refresh_token").GetString());
        Assert.Equal(Marketplace.TikTokCodeInvalidGrant, again.GetProperty("code").GetInt64());
        Assert.Equal(3, stub.Tokens.TokenCalls(SalesChannel.TikTokShop, "7490000000000000001"));
    }

    [Fact]
    public async Task AmazonRefresh_RevokedGrant_AnswersInvalidGrantAndKeepsCounting()
    {
        await using var stub = await Marketplace.StartAsync(Token);
        using var client = new HttpClient { BaseAddress = stub.BaseUrl };
        var lwa = Amazon(("grant_type", "authorization_code"), ("code", stub.Tokens.IssueCode(SalesChannel.Amazon, "A1STUBSELLER")));
        using var exchanged = await PostFormAsync(client, "auth/o2/token", lwa);
        var refreshToken = (await JsonAsync(exchanged)).GetProperty("refresh_token").GetString()!;
        using var refreshed = await PostFormAsync(client, "auth/o2/token", Amazon(("grant_type", "refresh_token"), ("refresh_token", refreshToken)));
        Assert.Equal(refreshToken, (await JsonAsync(refreshed)).GetProperty("refresh_token").GetString());

        stub.Tokens.Revoke(SalesChannel.Amazon, "A1STUBSELLER");
        using var revoked = await PostFormAsync(client, "auth/o2/token", Amazon(("grant_type", "refresh_token"), ("refresh_token", refreshToken)));

        Assert.Equal(HttpStatusCode.BadRequest, revoked.StatusCode);
        Assert.Equal("invalid_grant", (await JsonAsync(revoked)).GetProperty("error").GetString());
        Assert.Equal(3, stub.Tokens.TokenCalls(SalesChannel.Amazon, "A1STUBSELLER"));
    }

    [Fact]
    public async Task WalmartClientCredentials_TokenAcceptedByTheOrderApiUntilItExpires()
    {
        await using var stub = await Marketplace.StartAsync(Token);
        stub.PutWalmartOrder("108812345678901", ServerlessOps.Testing.Scenarios.ChannelSamples.Text("walmart-get-order.json"));
        stub.Tokens.RegisterWalmartClient("10009999999", "client", "secret");
        stub.Tokens.SetAccessTokenLifetime(SalesChannel.Walmart, TimeSpan.FromSeconds(1));
        using var client = new HttpClient { BaseAddress = stub.BaseUrl };
        using var wrong = await WalmartTokenAsync(client, "client:not-the-secret");
        using var issued = await WalmartTokenAsync(client, "client:secret");
        var token = (await JsonAsync(issued)).GetProperty("access_token").GetString()!;

        using var served = await WalmartOrderAsync(client, token);
        var expiry = DateTimeOffset.UtcNow.AddSeconds(1.5);
        while (stub.Tokens.IsValid(SalesChannel.Walmart, token) is true && DateTimeOffset.UtcNow < expiry)
        {
            await Task.Delay(100, Token);
        }

        using var expired = await WalmartOrderAsync(client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("WM_SEC.ACCESS_TOKEN expired", stub.Requests(SalesChannel.Walmart)[^1].Outcome);
    }

    private static (string, string)[] Shopify(params (string, string)[] more) =>
        [("client_id", Apps.ShopifyClientId), ("client_secret", Apps.ShopifyClientSecret), .. more];

    private static (string, string)[] Amazon(params (string, string)[] more) =>
        [("client_id", Apps.AmazonClientId), ("client_secret", Apps.AmazonClientSecret), .. more];

    private static async Task<JsonElement> ShopifyAsync(HttpClient client, params (string, string)[] form)
    {
        using var response = await PostFormAsync(client, $"shops/{Shop}/admin/oauth/access_token", Shopify(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private static async Task<JsonElement> TikTokAsync(HttpClient client, string path, string query)
    {
        using var response = await client.GetAsync($"{path}?app_key={Apps.TikTokAppKey}&app_secret={Apps.TikTokAppSecret}&{query}", Token);
        return await JsonAsync(response);
    }

    private static async Task<HttpResponseMessage> WalmartTokenAsync(HttpClient client, string credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credential)));
        request.Headers.TryAddWithoutValidation("WM_QOS.CORRELATION_ID", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("WM_SVC.NAME", "Walmart Marketplace");
        return await client.SendAsync(request, Token);
    }

    private static async Task<HttpResponseMessage> WalmartOrderAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3/orders/108812345678901");
        request.Headers.TryAddWithoutValidation("WM_SEC.ACCESS_TOKEN", token);
        request.Headers.TryAddWithoutValidation("WM_QOS.CORRELATION_ID", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("WM_SVC.NAME", "Walmart Marketplace");
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request, Token);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, (string Key, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        return await client.PostAsync(path, content, Token);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return document.RootElement.Clone();
    }
}
