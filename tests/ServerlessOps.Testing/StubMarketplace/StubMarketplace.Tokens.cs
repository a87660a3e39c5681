using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// The token endpoints, answering from <see cref="Tokens"/> as each marketplace does (CHANNELS.md 6):
/// <list type="bullet">
/// <item>Shopify <c>POST /shops/{shop}/admin/oauth/access_token</c>: code (with <c>expiring=1</c>) or refresh token, the
/// refresh token rotating with the previous one's grace; a wrong client id or secret 401 <c>invalid_client</c>;</item>
/// <item>Login with Amazon <c>POST /auth/o2/token</c>: <c>authorization_code</c> or <c>refresh_token</c> (not rotated);</item>
/// <item>TikTok Shop <c>GET /api/v2/token/get</c> and <c>/api/v2/token/refresh</c>: HTTP 200 with <c>code</c>, expiries as Unix
/// times, the refresh token rotating without grace; and Get Authorized Shops <c>GET /authorization/202309/shops</c>;</item>
/// <item>Walmart <c>POST /v3/token</c>: Basic client credentials, 401 when they are not the partner's.</item>
/// </list>
/// Access tokens issued here are accepted by the stub's order APIs until they expire, then refused with 401.
/// </summary>
public sealed partial class StubMarketplace
{
    /// <summary>Stub codes, not TikTok's catalogue (which the sources read do not give): a dead refresh token or code, and wrong app credentials.</summary>
    public const long TikTokCodeInvalidGrant = 36004004;

    public const long TikTokCodeInvalidApp = 36004001;

    private void MapTokens(WebApplication app)
    {
        app.MapPost("/shops/{shop}/admin/oauth/access_token", ShopifyTokenAsync);
        app.MapPost("/auth/o2/token", (Delegate)AmazonTokenAsync);
        app.MapGet("/api/v2/token/get", TikTokTokenGet);
        app.MapGet("/api/v2/token/refresh", TikTokTokenRefresh);
        app.MapGet("/authorization/202309/shops", TikTokShopsList);
        app.MapPost("/v3/token", (Delegate)WalmartTokenAsync);
    }

    /// <summary>Why an order API refuses <paramref name="token"/>: an access token issued here that expired; null otherwise.</summary>
    private string? ExpiredIssuedToken(SalesChannel channel, string? token, string header) =>
        Tokens.IsValid(channel, token) is false ? $"{header} expired" : null;

    /// <summary>Whether <paramref name="token"/> is an access token issued here and still valid.</summary>
    private bool IsIssuedToken(SalesChannel channel, string? token) => Tokens.IsValid(channel, token) is true;

    private async Task<IResult> ShopifyTokenAsync(HttpContext context, string shop)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var apps = Apps;
        if (!SameSecret(form["client_id"], apps.ShopifyClientId) || !SameSecret(form["client_secret"], apps.ShopifyClientSecret))
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
        }

        StubTokenAuthority.Outcome outcome;
        if (form["grant_type"] == "refresh_token")
        {
            outcome = Tokens.Refresh(SalesChannel.Shopify, shop, form["refresh_token"].ToString(), rotates: true, keepsPrevious: true);
        }
        else if (form["expiring"] != "1")
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "Public apps must request expiring offline tokens (expiring=1).");
        }
        else
        {
            outcome = Tokens.ExchangeCode(SalesChannel.Shopify, form["code"].ToString());
        }

        if (!outcome.IsSuccess)
        {
            return OAuthError(StatusCodes.Status400BadRequest, outcome.Error!, "The refresh token or code is invalid, expired or revoked.");
        }

        return Results.Json(new JsonObject
        {
            ["access_token"] = outcome.AccessToken,
            ["scope"] = "read_orders,read_products,read_inventory,write_inventory",
            ["expires_in"] = Seconds(outcome.ExpiresAt),
            ["refresh_token"] = outcome.RefreshToken,
            ["refresh_token_expires_in"] = 7_776_000,
        });
    }

    private async Task<IResult> AmazonTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var apps = Apps;
        if (!SameSecret(form["client_id"], apps.AmazonClientId) || !SameSecret(form["client_secret"], apps.AmazonClientSecret))
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed");
        }

        var outcome = form["grant_type"].ToString() switch
        {
            "authorization_code" => Tokens.ExchangeCode(SalesChannel.Amazon, form["code"].ToString()),
            "refresh_token" => Tokens.Refresh(SalesChannel.Amazon, null, form["refresh_token"].ToString(), rotates: false),
            _ => StubTokenAuthority.Outcome.Failed("unsupported_grant_type"),
        };
        if (!outcome.IsSuccess)
        {
            return OAuthError(StatusCodes.Status400BadRequest, outcome.Error!, "The request has an invalid grant parameter");
        }

        return Results.Json(new JsonObject
        {
            ["access_token"] = outcome.AccessToken,
            ["refresh_token"] = outcome.RefreshToken ?? form["refresh_token"].ToString(),
            ["token_type"] = "bearer",
            ["expires_in"] = Seconds(outcome.ExpiresAt),
        });
    }

    private IResult TikTokTokenGet(HttpContext context) =>
        TikTokToken(context, () => Tokens.ExchangeCode(SalesChannel.TikTokShop, context.Request.Query["auth_code"].ToString()), "authorized_code");

    private IResult TikTokTokenRefresh(HttpContext context) =>
        TikTokToken(context, () => Tokens.Refresh(SalesChannel.TikTokShop, null, context.Request.Query["refresh_token"].ToString(), rotates: true), "refresh_token");

    private IResult TikTokToken(HttpContext context, Func<StubTokenAuthority.Outcome> grant, string grantType)
    {
        var query = context.Request.Query;
        var apps = Apps;
        var requestId = NewRequestId();
        if (!SameSecret(query["app_key"], apps.TikTokAppKey) || !SameSecret(query["app_secret"], apps.TikTokAppSecret))
        {
            return Results.Json(new JsonObject { ["code"] = TikTokCodeInvalidApp, ["message"] = "Invalid app_key or app_secret.", ["request_id"] = requestId });
        }

        if (query["grant_type"] != grantType)
        {
            return Results.Json(new JsonObject { ["code"] = 36004002, ["message"] = $"grant_type must be {grantType}.", ["request_id"] = requestId });
        }

        var outcome = grant();
        if (!outcome.IsSuccess)
        {
            return Results.Json(new JsonObject { ["code"] = TikTokCodeInvalidGrant, ["message"] = "The refresh token or auth code is invalid or expired.", ["request_id"] = requestId });
        }

        return Results.Json(new JsonObject
        {
            ["code"] = 0,
            ["message"] = "success",
            ["request_id"] = requestId,
            ["data"] = new JsonObject
            {
                ["access_token"] = outcome.AccessToken,
                ["access_token_expire_in"] = outcome.ExpiresAt.ToUnixTimeSeconds(),
                ["refresh_token"] = outcome.RefreshToken,
                ["refresh_token_expire_in"] = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds(),
                ["open_id"] = "stub-open-id",
                ["seller_name"] = "Stub Seller",
                ["seller_base_region"] = "US",
                ["user_type"] = 0,
                ["granted_scopes"] = new JsonArray("seller.order.info", "seller.product.basic"),
            },
        });
    }

    private IResult TikTokShopsList(HttpContext context)
    {
        var query = context.Request.Query;
        var apps = Apps;
        var requestId = NewRequestId();
        var token = context.Request.Headers["x-tts-access-token"].ToString();
        if (!IsIssuedToken(SalesChannel.TikTokShop, token) || query["app_key"] != apps.TikTokAppKey)
        {
            return Results.Json(new JsonObject { ["code"] = TikTokCodeInvalidCredentials, ["message"] = "Invalid access token or app key.", ["request_id"] = requestId }, statusCode: 401);
        }

        var message = new StringBuilder(apps.TikTokAppSecret).Append(context.Request.Path.Value);
        foreach (var pair in query.Where(p => p.Key is not "sign" and not "access_token").OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            message.Append(pair.Key).Append(pair.Value.ToString());
        }

        message.Append(apps.TikTokAppSecret);
        var sign = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apps.TikTokAppSecret), Encoding.UTF8.GetBytes(message.ToString())));
        if (!SameSecret(query["sign"], sign))
        {
            return Results.Json(new JsonObject { ["code"] = TikTokCodeInvalidSign, ["message"] = "Invalid sign.", ["request_id"] = requestId }, statusCode: 401);
        }

        return Results.Json(new JsonObject
        {
            ["code"] = 0,
            ["message"] = "success",
            ["request_id"] = requestId,
            ["data"] = new JsonObject
            {
                ["shops"] = new JsonArray([.. TikTokShops.Select(s => (JsonNode)new JsonObject
                {
                    ["id"] = s.Id,
                    ["name"] = $"Stub shop {s.Id}",
                    ["region"] = "US",
                    ["seller_type"] = "LOCAL",
                    ["cipher"] = s.Cipher,
                    ["code"] = "USSTUB" + s.Id[^4..],
                })]),
            },
        });
    }

    private async Task<IResult> WalmartTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var authorization = context.Request.Headers.Authorization.ToString();
        string? clientId = null;
        string? clientSecret = null;
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                (clientId, clientSecret) = colon > 0 ? (decoded[..colon], decoded[(colon + 1)..]) : (null, null);
            }
            catch (FormatException)
            {
                // Not base64: refused below.
            }
        }

        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "grant_type must be client_credentials.");
        }

        var outcome = clientId is null || clientSecret is null ? StubTokenAuthority.Outcome.Failed("invalid_client") : Tokens.ClientCredentials(clientId, clientSecret);
        if (!outcome.IsSuccess)
        {
            context.Response.Headers["WM_QOS.CORRELATION_ID"] = context.Request.Headers["WM_QOS.CORRELATION_ID"];
            return Results.Json(
                new JsonObject { ["error"] = new JsonArray(new JsonObject { ["code"] = "UNAUTHORIZED.GMP_GATEWAY_API", ["description"] = "Unauthorized" }) },
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return Results.Json(new JsonObject
        {
            ["access_token"] = outcome.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = Seconds(outcome.ExpiresAt),
        });
    }

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static long Seconds(DateTimeOffset expiresAt) => Math.Max(1, (long)Math.Round((expiresAt - DateTimeOffset.UtcNow).TotalSeconds, MidpointRounding.AwayFromZero));
}
