using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Finds the outbound API credential of a channel account, right before each call: in the app, an access token the
/// token service keeps fresh (Infrastructure/Tokens), so a caller asks again for every call rather than keeping one.
/// </summary>
public interface IChannelApiCredentialSource
{
    /// <exception cref="ChannelApiCredentialMissingException">The account has no usable access token (or TikTok app key/secret).</exception>
    /// <exception cref="ChannelApiException">Obtaining the token failed (a revoked authorisation, a refused app credential); <see cref="ChannelApiUnavailableException"/> when transient.</exception>
    ValueTask<ChannelApiCredential> GetAsync(ChannelAccount account, CancellationToken cancellationToken = default);

    /// <summary>
    /// The channel refused <paramref name="rejectedAccessToken"/>, sent for <paramref name="accountId"/> (revoked or
    /// rotated before it expired; a 401, or the channel's own refusal, <see cref="ChannelTokenRefusal"/>): the access token
    /// to send the call again with, or null when there is none better and the refusal stands. Asked by <see cref="ChannelAccessTokenRenewalHandler"/> at most once per call. Sources whose tokens
    /// are entered by hand cannot renew them, hence the default.
    /// </summary>
    /// <exception cref="ChannelApiException">Renewing failed (a revoked authorisation); <see cref="ChannelApiUnavailableException"/> when transient.</exception>
    ValueTask<string?> RenewRejectedAsync(SalesChannel channel, string accountId, string rejectedAccessToken, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(null);
}
