using System.Net;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Whether a channel's answer refuses the access token the request carried, each channel's own way: 401 from any channel;
/// Amazon's 403 <c>Unauthorized</c> naming the access token (<see cref="AmazonTokenRefusal"/>); TikTok Shop's expired-token
/// code, whatever the status (<see cref="TikTokTokenRefusal"/>). A body read here is buffered first, so the caller reads it
/// again whole.
/// </summary>
internal static class ChannelTokenRefusal
{
    /// <returns>What the refusal was, for the log ("401", "403 Unauthorized", "code 105002"); null when it is none.</returns>
    public static async ValueTask<string?> ReadAsync(SalesChannel channel, HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return "401";
        }

        var readsBody = channel switch
        {
            SalesChannel.Amazon => response.StatusCode == HttpStatusCode.Forbidden,
            SalesChannel.TikTokShop => true,
            _ => false,
        };
        if (!readsBody)
        {
            return null;
        }

        // Buffered content is read again from the start by the caller; HttpClient buffers answers anyway unless asked not to.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return channel switch
        {
            SalesChannel.Amazon when AmazonTokenRefusal.IsRefusal(response.StatusCode, body) => "403 Unauthorized",
            SalesChannel.TikTokShop when TikTokTokenRefusal.IsRefusal(body) => $"code {TikTokTokenRefusal.ExpiredAccessToken}",
            _ => null,
        };
    }
}
