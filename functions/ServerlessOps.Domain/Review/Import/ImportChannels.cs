using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Import;

/// <summary>Reads the <c>channel</c> column every review file has: a channel's route slug.</summary>
internal static class ImportChannels
{
    public static SalesChannel? Read(ImportValues values, string field = "channel")
    {
        var text = values.Row[field];
        if (text is null)
        {
            values.Add(field, $"{field} is required (shopify, amazon, walmart or tiktok).");
            return null;
        }

        if (SalesChannelNames.TryParseSlug(text, out var channel))
        {
            return channel;
        }

        values.Add(field, $"{field}: expected one of shopify, amazon, walmart, tiktok, found {ImportValues.Quote(text)}.");
        return null;
    }
}
