namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// A Selling Partner API request with what every call needs: the Login with Amazon token in <c>x-amz-access-token</c>
/// (no SigV4 since 2023) and <c>Accept: application/json</c>; Amazon's <c>x-amzn-RequestId</c> is the request id in our
/// errors (Amazon's support asks for it).
/// </summary>
internal static class AmazonRequest
{
    /// <param name="sellerAccountId">The seller account whose token this is: Amazon's usage plans are per account and
    /// operation, so <see cref="AmazonUsagePlanHandler"/> paces each account's calls apart (<see cref="ChannelApiAccount"/>).</param>
    public static HttpRequestMessage Create(HttpMethod method, string path, string accessToken, string sellerAccountId)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(ChannelTokenHeaders.Amazon, accessToken);
        request.Headers.Accept.ParseAdd("application/json");
        ChannelApiAccount.Set(request, sellerAccountId);
        return request;
    }

    /// <summary>The answer's <c>x-amzn-RequestId</c>, if any; the body is not read.</summary>
    public static string? RequestIdOf(HttpResponseMessage response, string body) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;

    /// <summary>
    /// The Listings Items path of one listing, <c>listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=</c>
    /// (CHANNELS.md 2.8), shared by the push, the price update and the read-back; further query parameters follow with '&amp;'.
    /// </summary>
    public static string ListingPath(string sellerId, string sku, string? marketplaceId) =>
        $"listings/2021-08-01/items/{Uri.EscapeDataString(sellerId)}/{Uri.EscapeDataString(sku)}?marketplaceIds={Uri.EscapeDataString(marketplaceId ?? string.Empty)}";
}
