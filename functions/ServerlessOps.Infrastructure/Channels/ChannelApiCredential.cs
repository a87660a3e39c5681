namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// What an outbound call for one channel account authenticates with. Access tokens are configured, not
/// obtained: Login with Amazon refresh, Walmart's POST /v3/token exchange and TikTok's token refresh are not
/// implemented, so whoever configures the token keeps it fresh (Amazon's last an hour, Walmart's 15 minutes).
/// </summary>
/// <param name="AccessToken">Amazon LWA access token, Walmart WM_SEC.ACCESS_TOKEN, TikTok x-tts-access-token.</param>
/// <param name="AppKey">TikTok Shop app key (query <c>app_key</c>); null elsewhere.</param>
/// <param name="AppSecret">TikTok Shop app secret (signs every call); null elsewhere.</param>
/// <param name="ShopCipher">TikTok Shop <c>shop_cipher</c> of the shop; null elsewhere.</param>
public sealed record ChannelApiCredential(string AccessToken, string? AppKey = null, string? AppSecret = null, string? ShopCipher = null)
{
    /// <summary>Never prints the secrets: records print their members by default.</summary>
    public override string ToString() =>
        $"ChannelApiCredential {{ AccessToken = ***, AppKey = {AppKey}, AppSecret = {(AppSecret is null ? "null" : "***")}, ShopCipher = {ShopCipher} }}";
}
