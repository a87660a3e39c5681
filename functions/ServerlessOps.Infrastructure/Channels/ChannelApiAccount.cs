namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// The channel account a request is made for, carried in its options by the request factories (<see cref="AmazonRequest"/>,
/// <see cref="WalmartRequest"/>, <see cref="TikTokRequest"/>, Shopify's Admin requests): channels meter and fail per account, so the usage plans
/// (<see cref="AmazonUsagePlanHandler"/>) and the circuit breaker (<see cref="ChannelCircuitBreaker"/>) keep each account's
/// calls apart, and a token the channel refuses is renewed for that account (<see cref="ChannelAccessTokenRenewalHandler"/>).
/// An id, never a token.
/// </summary>
internal static class ChannelApiAccount
{
    private static readonly HttpRequestOptionsKey<string> Key = new("serverlessops.channel.account");

    public static void Set(HttpRequestMessage request, string accountId) => request.Options.Set(Key, accountId);

    /// <summary>The account <paramref name="request"/> is made for; null when its factory did not say (see <see cref="ChannelCircuitBreaker.KeyOf"/>).</summary>
    public static string? Of(HttpRequestMessage request) => request.Options.TryGetValue(Key, out var account) ? account : null;
}
