using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// The marketplaces' authorisation pages, played by a merchant who approves at once: each answers 302 to the app's
/// redirect URI with a one-use code, as the real page does after the merchant clicks "install" or "authorize".
/// <list type="bullet">
/// <item>Shopify <c>GET /shops/{shop}/admin/oauth/authorize</c> → <c>?code&amp;hmac&amp;host&amp;shop&amp;state&amp;timestamp</c>,
/// <c>hmac</c> Shopify's signature under <see cref="StubApps.ShopifyClientSecret"/>;</item>
/// <item>Amazon <c>GET /apps/authorize/consent</c> → <c>?state&amp;selling_partner_id&amp;mws_auth_token&amp;spapi_oauth_code</c>,
/// the seller <see cref="AmazonSellerId"/>;</item>
/// <item>TikTok Shop <c>GET /open/authorize</c> → <c>?app_key&amp;code&amp;locale&amp;shop_region&amp;state</c>, for the seller of
/// <see cref="TikTokShops"/>.</item>
/// </list>
/// A wrong client id, application id or service id answers 400, as the real pages refuse an unknown app.
/// </summary>
public sealed partial class StubMarketplace
{
    private volatile StubApps _apps = StubApps.Default;
    private volatile IReadOnlyList<(string Id, string Cipher)> _tiktokShops =
        [(ScenarioAccounts.Default.TikTokShopId, ScenarioAccounts.Default.TikTokShopCipher)];

    /// <summary>Issues, rotates, expires and counts the tokens of every channel.</summary>
    public StubTokenAuthority Tokens { get; } = new();

    /// <summary>Our app as the stub's authorisation servers know it. Default <see cref="StubApps.Default"/>.</summary>
    public StubApps Apps
    {
        get => _apps;
        set => _apps = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The seller who consents on Amazon's page. Default the scenario's seller.</summary>
    public string AmazonSellerId { get; set; } = ScenarioAccounts.Default.AmazonSellerId;

    /// <summary>The shops (id, cipher) the TikTok Shop seller who authorises has. Default the scenario's shop.</summary>
    public IReadOnlyList<(string Id, string Cipher)> TikTokShops
    {
        get => _tiktokShops;
        set => _tiktokShops = value is { Count: > 0 } ? value : throw new ArgumentException("A seller has at least one shop.", nameof(value));
    }

    /// <summary>
    /// Opens <paramref name="authorizationUrl"/> (an authorisation page of this stub) as the merchant, approves, and returns
    /// where the page redirects: the app's callback URL with the code and state.
    /// </summary>
    public static async Task<Uri> ApproveAsync(Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(authorizationUrl, cancellationToken);
        if ((int)response.StatusCode != StatusCodes.Status302Found || response.Headers.Location is not { } location)
        {
            throw new InvalidOperationException(
                $"The stub's authorisation page answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return location;
    }

    /// <summary>The query Shopify appends to the app URL when <paramref name="shop"/>'s merchant installs or opens the app, signed.</summary>
    public string ShopifyLaunchQuery(string shop, DateTimeOffset? at = null, string? clientSecret = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shop);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("host", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{shop}/admin")).TrimEnd('=')),
            new("shop", shop),
            new("timestamp", (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        parameters.Add(new("hmac", ShopifyQuerySignature.Compute(clientSecret ?? Apps.ShopifyClientSecret, parameters)));
        return Query(parameters);
    }

    private void MapAuth(WebApplication app)
    {
        app.MapGet("/shops/{shop}/admin/oauth/authorize", ShopifyAuthorize);
        app.MapGet("/apps/authorize/consent", AmazonConsent);
        app.MapGet("/open/authorize", TikTokAuthorize);
    }

    private IResult ShopifyAuthorize(HttpContext context, string shop)
    {
        var query = context.Request.Query;
        if (query["client_id"] != Apps.ShopifyClientId || string.IsNullOrEmpty(query["redirect_uri"]) || string.IsNullOrEmpty(query["state"]))
        {
            return Results.BadRequest("Unknown client_id, or no redirect_uri or state: Shopify shows an error page instead of asking the merchant.");
        }

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("code", Tokens.IssueCode(SalesChannel.Shopify, shop)),
            new("host", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{shop}/admin")).TrimEnd('=')),
            new("shop", shop),
            new("state", query["state"].ToString()),
            new("timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        parameters.Add(new("hmac", ShopifyQuerySignature.Compute(Apps.ShopifyClientSecret, parameters)));
        return Results.Redirect($"{query["redirect_uri"]}?{Query(parameters)}");
    }

    private IResult AmazonConsent(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["application_id"] != Apps.AmazonApplicationId || string.IsNullOrEmpty(query["redirect_uri"]) || string.IsNullOrEmpty(query["state"]))
        {
            return Results.BadRequest("Unknown application_id, or no redirect_uri or state.");
        }

        return Results.Redirect($"{query["redirect_uri"]}?{Query(
        [
            new("state", query["state"].ToString()),
            new("selling_partner_id", AmazonSellerId),
            new("mws_auth_token", "amzn.mws.stub-0000"),
            new("spapi_oauth_code", Tokens.IssueCode(SalesChannel.Amazon, AmazonSellerId)),
        ])}");
    }

    private IResult TikTokAuthorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["service_id"] != Apps.TikTokServiceId || string.IsNullOrEmpty(query["redirect_uri"]) || string.IsNullOrEmpty(query["state"]))
        {
            return Results.BadRequest("Unknown service_id, or no redirect_uri or state.");
        }

        return Results.Redirect($"{query["redirect_uri"]}?{Query(
        [
            new("app_key", Apps.TikTokAppKey),
            new("code", Tokens.IssueCode(SalesChannel.TikTokShop, TikTokShops[0].Id)),
            new("locale", "en"),
            new("shop_region", "US"),
            new("state", query["state"].ToString()),
        ])}");
    }

    private static string Query(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
