using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// What every listing write of a channel (inventory push, price update) checks before its own checks, in the channel's
/// order: an injected failure first (<see cref="FailNext"/>), then the channel's credential. Each check that stops the
/// call answers it as the channel would and returns false; <c>label</c> prefixes the outcome in <see cref="Requests"/>
/// (<c>"price: "</c> for the price updates, empty for the pushes).
/// </summary>
public sealed partial class StubMarketplace
{
    private async Task<bool> ShopifyListingCallPassesAsync(HttpContext context, DateTimeOffset receivedAt, string label)
    {
        if (await NextFaultAsync(context, SalesChannel.Shopify, receivedAt) is { } fault)
        {
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, fault.StatusCode, """{"errors":"Injected failure."}""", $"{label}injected", fault);
            return false;
        }

        var token = Header(context, "X-Shopify-Access-Token");
        if (string.IsNullOrEmpty(token))
        {
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status401Unauthorized, """{"errors":"[API] Invalid API key or access token"}""", $"{label}X-Shopify-Access-Token missing");
            return false;
        }

        // An access token the stub's OAuth issued is good until it expires or is revoked (an uninstall); others are accepted.
        if (ExpiredIssuedToken(SalesChannel.Shopify, token, "X-Shopify-Access-Token") is { } expired)
        {
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status401Unauthorized, """{"errors":"[API] Invalid API key or access token"}""", $"{label}{expired}");
            return false;
        }

        return true;
    }

    /// <summary>Also gives the answer its <c>x-amzn-RequestId</c>, as Amazon does for every answer.</summary>
    private async Task<bool> AmazonListingCallPassesAsync(HttpContext context, DateTimeOffset receivedAt, string label)
    {
        context.Response.Headers["x-amzn-RequestId"] = NewRequestId();
        if (await NextFaultAsync(context, SalesChannel.Amazon, receivedAt) is { } fault)
        {
            var code = fault.StatusCode == StatusCodes.Status429TooManyRequests ? "QuotaExceeded" : "InternalFailure";
            await AnswerAsync(context, SalesChannel.Amazon, receivedAt, fault.StatusCode, AmazonError(code, "Injected failure."), $"{label}injected", fault);
            return false;
        }

        var token = Header(context, "x-amz-access-token");
        if (string.IsNullOrEmpty(token) || (_amazonToken is { } expectedToken && !SameSecret(token, expectedToken) && !IsIssuedToken(SalesChannel.Amazon, token)))
        {
            await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status401Unauthorized, AmazonError("Unauthorized", "Access to requested resource is denied."), $"{label}x-amz-access-token missing or wrong");
            return false;
        }

        return true;
    }

    /// <summary>Also echoes the caller's <c>WM_QOS.CORRELATION_ID</c>, as Walmart does for every answer.</summary>
    private async Task<bool> WalmartListingCallPassesAsync(HttpContext context, DateTimeOffset receivedAt, string label)
    {
        var correlationId = Header(context, "WM_QOS.CORRELATION_ID");
        if (!string.IsNullOrEmpty(correlationId))
        {
            context.Response.Headers["WM_QOS.CORRELATION_ID"] = correlationId;
        }

        if (await NextFaultAsync(context, SalesChannel.Walmart, receivedAt) is { } fault)
        {
            var code = fault.StatusCode == StatusCodes.Status429TooManyRequests ? "REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API" : "SYSTEM_ERROR.GMP_GATEWAY_API";
            await AnswerAsync(context, SalesChannel.Walmart, receivedAt, fault.StatusCode, WalmartError(code, null, "Injected failure."), $"{label}injected", fault);
            return false;
        }

        var token = Header(context, "WM_SEC.ACCESS_TOKEN");
        if (string.IsNullOrEmpty(token) || (_walmartToken is { } expectedToken && !SameSecret(token, expectedToken) && !IsIssuedToken(SalesChannel.Walmart, token)))
        {
            await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status401Unauthorized, WalmartError("UNAUTHORIZED.GMP_GATEWAY_API", null, "Unauthorized token."), $"{label}WM_SEC.ACCESS_TOKEN missing or wrong");
            return false;
        }

        return true;
    }

    /// <param name="body">The request body: TikTok's sign covers it.</param>
    /// <param name="requestId">The <c>request_id</c> the answer carries (<see cref="TikTokRequestId"/>).</param>
    private async Task<bool> TikTokListingCallPassesAsync(HttpContext context, DateTimeOffset receivedAt, byte[] body, string requestId, string label)
    {
        if (await NextFaultAsync(context, SalesChannel.TikTokShop, receivedAt) is { } fault)
        {
            var code = fault.TikTokCode ?? (fault.StatusCode == StatusCodes.Status429TooManyRequests ? 36009004 : 36009003);
            await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, fault.StatusCode, TikTokError(code, fault.TikTokMessage ?? "Injected failure.", requestId), $"{label}injected", fault);
            return false;
        }

        if (CheckTikTokCredentials(context, receivedAt, body) is { } why)
        {
            await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status401Unauthorized, TikTokError(why.Code, why.Message, requestId), $"{label}{why.Message}");
            return false;
        }

        return true;
    }

    /// <summary>A request id in TikTok's form: the UTC time to the second, then random hex.</summary>
    private static string TikTokRequestId(DateTimeOffset receivedAt) =>
        receivedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}
