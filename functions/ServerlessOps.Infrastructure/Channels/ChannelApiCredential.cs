namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// What an outbound call for one channel account authenticates with. In the app the access token is obtained and kept
/// fresh by the token service (Infrastructure/Tokens: Login with Amazon refresh, Walmart's POST /v3/token, TikTok's and
/// Shopify's refresh); an access token entered in the registry is the fallback for an account never connected. Ask the
/// source again for every call: a token lasts an hour (Walmart's 15 minutes).
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
