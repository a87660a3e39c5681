using System.Text;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tests.Channels;

public sealed class TikTokRequestSignerTests
{
    private const string Secret = "test-tts-app-secret";
    private const string Path = "/product/202309/products/1729400000000000002/inventory/update";
    private const string Body = """{"skus":[{"id":"1729500000000000202","inventory":[{"warehouse_id":"7301234567890123456","quantity":41}]}]}""";

    private static readonly KeyValuePair<string, string>[] _query =
    [
        new("timestamp", "1795201600"),
        new("app_key", "test-tts-app-key"),
        new("shop_cipher", "TTP_EXAMPLECIPHER"),
    ];

    [Fact]
    public void Sign_VectorsInventoryUpdate_MatchesPublishedSign() =>
        Assert.Equal(
            "d191b801cc10b2dccacfdc2dcb4827ff88424112f5e2beed8a91f2ddf2933f38",
            TikTokRequestSigner.Sign(Secret, Path, _query, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void Sign_SignAndAccessTokenInQuery_AreLeftOut()
    {
        var withExtras = _query.Append(new("sign", "stale")).Append(new("access_token", "secret-token"));

        Assert.Equal(
            TikTokRequestSigner.Sign(Secret, Path, _query, Encoding.UTF8.GetBytes(Body)),
            TikTokRequestSigner.Sign(Secret, Path, withExtras, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Sign_TamperedBody_Differs() =>
        Assert.NotEqual(
            "d191b801cc10b2dccacfdc2dcb4827ff88424112f5e2beed8a91f2ddf2933f38",
            TikTokRequestSigner.Sign(Secret, Path, _query, Encoding.UTF8.GetBytes(Body.Replace("41", "42", StringComparison.Ordinal))));
}
