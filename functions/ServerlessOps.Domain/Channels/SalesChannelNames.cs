namespace ServerlessOps.Domain.Channels;

/// <summary>Stable lower-case names used in ids, routes, blob paths and partition keys.</summary>
public static class SalesChannelNames
{
    public static string Slug(this SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => "shopify",
        SalesChannel.Amazon => "amazon",
        SalesChannel.Walmart => "walmart",
        SalesChannel.TikTokShop => "tiktok",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown sales channel."),
    };

    public static bool TryParseSlug(string? slug, out SalesChannel channel)
    {
        foreach (var candidate in Enum.GetValues<SalesChannel>())
        {
            if (string.Equals(candidate.Slug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                channel = candidate;
                return true;
            }
        }

        channel = default;
        return false;
    }
}
