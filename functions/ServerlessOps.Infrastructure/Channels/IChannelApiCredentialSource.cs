using ServerlessOps.Domain.Brands;

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
}
