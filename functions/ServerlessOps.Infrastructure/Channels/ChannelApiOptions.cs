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

    public ChannelEndpointOptions For(SalesChannel channel) => channel switch
    {
        SalesChannel.Amazon => Amazon,
        SalesChannel.Walmart => Walmart,
        SalesChannel.TikTokShop => TikTokShop,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "No outbound order API is configured for this channel."),
    };
}
