using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// A Shopify GraphQL Admin call of the listing clients (push, price, read-back): <c>POST {shop admin}/admin/api/{version}/graphql.json</c>
/// at <see cref="InventoryPushOptions.Shopify"/> with the shop in <c>{shop}</c>, <c>X-Shopify-Access-Token</c> and
/// <c>Accept: application/json</c>. Shopify's <c>X-Request-Id</c> is the request id in our errors.
/// </summary>
internal static class ShopifyAdminRequest
{
    public static HttpRequestMessage Create(InventoryPushOptions options, ChannelAccount account, string accessToken, string body)
    {
        // The shop's handle is the account id; Shopify's hosts are lower case.
        var root = options.Shopify.BaseUrl.Replace("{shop}", account.AccountId.Trim().ToLowerInvariant(), StringComparison.Ordinal).TrimEnd('/') + "/";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(root, UriKind.Absolute), $"admin/api/{options.ShopifyApiVersion}/graphql.json"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(ChannelTokenHeaders.Shopify, accessToken);
        request.Headers.Accept.ParseAdd("application/json");
        ChannelApiAccount.Set(request, account.AccountId);
        return request;
    }

    /// <summary>The answer's <c>X-Request-Id</c>, if any; the body is not read.</summary>
    public static string? RequestIdOf(HttpResponseMessage response, string body) =>
        response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;

    /// <summary>
    /// Throws for top-level GraphQL <c>errors</c>, which arrive with HTTP 200: <c>THROTTLED</c> (the query cost bucket is
    /// empty) as <see cref="ChannelApiUnavailableException"/>, so the caller tries again later; any other as a refusal.
    /// </summary>
    public static void ThrowOnErrors(JsonNode? answer, string operation, string listing, string? requestId)
    {
        if (answer?["errors"] is JsonArray { Count: > 0 } errors)
        {
            var code = errors[0]?["extensions"]?["code"]?.GetValue<string>();
            var message = errors[0]?["message"]?.GetValue<string>() ?? "(no message)";
            throw code == "THROTTLED"
                ? new ChannelApiUnavailableException(SalesChannel.Shopify, operation, HttpStatusCode.OK, requestId, $"Shopify {operation} for listing {listing} was throttled ({message}).")
                : new ChannelApiException(SalesChannel.Shopify, operation, HttpStatusCode.OK, requestId, $"Shopify {operation} for listing {listing} answered an error: {code ?? "(no code)"} {message}.");
        }
    }
}
