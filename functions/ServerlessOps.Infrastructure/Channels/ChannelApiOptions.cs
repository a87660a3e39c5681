using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Outbound channel APIs, section <c>Channels</c> (<c>Channels__Amazon__BaseUrl</c> and so on). Validated at start
/// by <see cref="ChannelApiOptionsValidator"/>. Access tokens are per account, not here (<see cref="IChannelApiCredentialSource"/>).
/// </summary>
public sealed class ChannelApiOptions
{
    public const string SectionName = "Channels";

    /// <summary>Selling Partner API. Default base https://sellingpartnerapi-na.amazon.com (North America).</summary>
    public ChannelEndpointOptions Amazon { get; set; } = new() { BaseUrl = "https://sellingpartnerapi-na.amazon.com" };

    /// <summary>Walmart Marketplace API. Default base https://marketplace.walmartapis.com.</summary>
    public ChannelEndpointOptions Walmart { get; set; } = new() { BaseUrl = "https://marketplace.walmartapis.com" };

    /// <summary>TikTok Shop Open API. Default base https://open-api.tiktokglobalshop.com.</summary>
    public ChannelEndpointOptions TikTokShop { get; set; } = new() { BaseUrl = "https://open-api.tiktokglobalshop.com" };

    /// <summary>
    /// Paces Amazon calls by each operation's published usage plan per seller account (<see cref="AmazonUsagePlanHandler"/>).
    /// Default true. Off only against a stand-in that enforces no plan (the local stub marketplace), where the benchmarks
    /// measure the pipeline rather than Amazon's 0.5 order reads a second.
    /// </summary>
    public bool PaceAmazonUsagePlans { get; set; } = true;

    /// <summary>
    /// The circuit breaker of every channel client, per channel account (<see cref="ChannelCircuitBreaker"/>): when an
    /// account's calls keep failing, further calls fail at once without reaching the channel or taking a usage-plan token.
    /// </summary>
    public ChannelCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    public ChannelEndpointOptions For(SalesChannel channel) => channel switch
    {
        SalesChannel.Amazon => Amazon,
        SalesChannel.Walmart => Walmart,
        SalesChannel.TikTokShop => TikTokShop,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "No outbound order API is configured for this channel."),
    };
}
