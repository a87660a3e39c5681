using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Testing.Tests.Webhooks;

/// <summary>Every known answer in shared/channels/VECTORS.md.</summary>
public sealed class WebhookSignerTests
{
    private const string ShopifySecret = "test-shopify-client-secret-0001";
    private const string TikTokKey = "test-tts-app-key";
    private const string TikTokSecret = "test-tts-app-secret";
    private const string WalmartPath = "/api/webhooks/walmart?account=10001234567";
    private const long WalmartTimestamp = 1795201535;

    [Theory]
    [InlineData("shopify-orders-create.json", "blMs1fc20if3NkGMboOVQCHW6MiS/CaX2FF05OqaxOQ=")]
    [InlineData("shopify-orders-cancelled.json", "jo6774gm2go+LLNqOR6M4Hm3cemd8c7do4LqnOsEQ8k=")]
    [InlineData("shopify-inventory-levels-update.json", "XNQmXSq8V9DqzoNkHYxfsIkAoW+vZVO4seOWiL6L4C4=")]
    public void ShopifyHmac_Samples_MatchVectors(string sample, string expected) =>
        Assert.Equal(expected, WebhookSigner.ShopifyHmac(ChannelSamples.Bytes(sample), ShopifySecret));

    [Fact]
    public void ShopifyHmac_TamperedBody_MatchesTamperedVectorNotOriginal()
    {
        var body = Tamper("shopify-orders-create.json", "\"quantity\": 2,", "\"quantity\": 3,");

        var value = WebhookSigner.ShopifyHmac(body, ShopifySecret);

        Assert.Equal("gO+gZNU1SZ5HfTF1Ne8XbPZvVRQp4d/T7pr75b+29SI=", value);
        Assert.NotEqual("blMs1fc20if3NkGMboOVQCHW6MiS/CaX2FF05OqaxOQ=", value);
    }

    [Fact]
    public void Shopify_CreateSample_CarriesVectorHeaders()
    {
        var webhook = WebhookSigner.Shopify(
            ChannelSamples.Bytes("shopify-orders-create.json"), "orders/create", "acme-outfitters.myshopify.com", ShopifySecret,
            "0b6c2f0e-7f5a-4c53-9d0e-5a1f8d3b2c61", "3f1a9e47-2c8d-4b6e-a1f0-7d5c9b2e4a18",
            DateTimeOffset.Parse("2026-11-20T19:03:12.104Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("/api/webhooks/shopify", webhook.Path);
        Assert.Equal("blMs1fc20if3NkGMboOVQCHW6MiS/CaX2FF05OqaxOQ=", webhook.Headers["X-Shopify-Hmac-Sha256"]);
        Assert.Equal("orders/create", webhook.Headers["X-Shopify-Topic"]);
        Assert.Equal("acme-outfitters.myshopify.com", webhook.Headers["X-Shopify-Shop-Domain"]);
        Assert.Equal("2026-10", webhook.Headers["X-Shopify-API-Version"]);
        Assert.Equal("0b6c2f0e-7f5a-4c53-9d0e-5a1f8d3b2c61", webhook.Headers["X-Shopify-Webhook-Id"]);
        Assert.Equal("3f1a9e47-2c8d-4b6e-a1f0-7d5c9b2e4a18", webhook.Headers["X-Shopify-Event-Id"]);
        Assert.Equal("2026-11-20T19:03:12.104Z", webhook.Headers["X-Shopify-Triggered-At"]);
        Assert.Equal("0b6c2f0e-7f5a-4c53-9d0e-5a1f8d3b2c61", webhook.DeliveryId);
    }

    [Theory]
    [InlineData("tiktok-order-status-change.json", "d50dd764d6a4230dd28264a992cd233c2ef073183ee142331d0f6d390ac3412b")]
    [InlineData("tiktok-cancellation-status-change.json", "9b3cd5b362be9a9aeee0c9cb2b36a0d3a39a39a810b4dd7b141513aec8db93c4")]
    public void TikTokAuthorization_Samples_MatchVectors(string sample, string expected)
    {
        var webhook = WebhookSigner.TikTok(ChannelSamples.Bytes(sample), "7440112233445566771", TikTokKey, TikTokSecret);

        Assert.Equal(expected, webhook.Headers["Authorization"]);
        Assert.Equal("/api/webhooks/tiktok", webhook.Path);
    }

    [Fact]
    public void TikTokAuthorization_TamperedBody_MatchesTamperedVector() =>
        Assert.Equal(
            "65305447700ddf8660f428deb0fbbc8bf2003e8e8f2ed3832362a912bb0502dd",
            WebhookSigner.TikTokAuthorization(Tamper("tiktok-order-status-change.json", "\"AWAITING_SHIPMENT\"", "\"CANCEL\""), TikTokKey, TikTokSecret));

    [Fact]
    public void TikTokAuthorization_PlatformWorkedExample_MatchesPublishedAnswer()
    {
        const string body = """{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}""";

        Assert.Equal(
            "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05",
            WebhookSigner.TikTokAuthorization(Encoding.UTF8.GetBytes(body), "abcdef", "123"));
    }

    [Fact]
    public void WalmartStringToSign_PoCreated_MatchesVector() =>
        Assert.Equal(
            "POST\n/api/webhooks/walmart?account=10001234567\n1795201535\na9782d8eafe208862da7b43dedc69099b26491675f1ec8094971821d7d901c17",
            WebhookSigner.WalmartStringToSign("POST", WalmartPath, WalmartTimestamp, ChannelSamples.Bytes("walmart-po-created.json")));

    [Fact]
    public void WalmartSignatureMethod_PoCreated_SendsVectorTimestampAndSignature()
    {
        var webhook = WebhookSigner.Walmart(
            ChannelSamples.Bytes("walmart-po-created.json"), "6e2c9a14-c6b1-11f0-9d1a-2b5f8e3c7a90", "10001234567",
            WalmartAuthMethod.Signature, "test-walmart-webhook-secret", signedAt: DateTimeOffset.FromUnixTimeSeconds(WalmartTimestamp));

        Assert.Equal(WalmartPath, webhook.Path);
        Assert.Equal("1795201535", webhook.Headers["WM_SEC.TIMESTAMP"]);
        Assert.Equal("s3saHnZv3saC2ip84GUQcoc0lQdXs7zwC8hWffHjqJ4=", webhook.Headers["WM_SEC.SIGNATURE"]);
    }

    [Fact]
    public void WalmartSignature_TamperedBody_MatchesTamperedVector() =>
        Assert.Equal(
            "CY7dVasUlRyEkwHNHTrhBeDb9BL6gTkkWOF2d+p8jhc=",
            WebhookSigner.WalmartSignature(
                "POST", WalmartPath, WalmartTimestamp,
                Tamper("walmart-po-created.json", "\"measurementValue\": \"2\"", "\"measurementValue\": \"20\""), "test-walmart-webhook-secret"));

    [Theory]
    [InlineData(false, "PYidTw61TsW3jYpqK5l5VN0DXJU86f8h0G9/45wttxI=")]
    [InlineData(true, "3d889d4f0eb54ec5b78d8a6a2b997954dd035c953ce9ff21d06f7fe39c2db712")]
    public void WalmartHmacMethod_BothEncodings_MatchVectors(bool hex, string expected)
    {
        var webhook = WebhookSigner.Walmart(
            ChannelSamples.Bytes("walmart-po-created.json"), "e", "10001234567", WalmartAuthMethod.Hmac,
            "test-walmart-client-secret", credentialHeader: "WM-Signature", hexHmac: hex);

        Assert.Equal(expected, webhook.Headers["WM-Signature"]);
    }

    [Fact]
    public void WalmartBasicMethod_CustomHeader_CarriesBareBase64Vector()
    {
        var webhook = WebhookSigner.Walmart(
            ChannelSamples.Bytes("walmart-po-created.json"), "e", "10001234567", WalmartAuthMethod.Basic,
            "walmart-hook:test-walmart-basic-pass", credentialHeader: "WM-Auth");

        Assert.Equal("d2FsbWFydC1ob29rOnRlc3Qtd2FsbWFydC1iYXNpYy1wYXNz", webhook.Headers["WM-Auth"]);
    }

    [Fact]
    public void WalmartBasicMethod_AuthorizationHeader_HasBasicPrefix()
    {
        var webhook = WebhookSigner.Walmart(
            ChannelSamples.Bytes("walmart-po-created.json"), "e", "10001234567", WalmartAuthMethod.Basic, "walmart-hook:test-walmart-basic-pass");

        Assert.Equal("Basic d2FsbWFydC1ob29rOnRlc3Qtd2FsbWFydC1iYXNpYy1wYXNz", webhook.Headers["Authorization"]);
    }

    [Fact]
    public void WalmartHeaderMethod_CarriesSecretVerbatim()
    {
        var webhook = WebhookSigner.Walmart(
            ChannelSamples.Bytes("walmart-po-created.json"), "e", "10001234567", WalmartAuthMethod.Header, "s3cret", credentialHeader: "x-serverlessops-key");

        Assert.Equal("s3cret", webhook.Headers["x-serverlessops-key"]);
    }

    [Fact]
    public void AmazonBasic_MatchesVectorAuthorization()
    {
        var webhook = WebhookSigner.Amazon(
            ChannelSamples.Bytes("amazon-eventbridge-listings-mfn-quantity.json"), "5f8a3e1c-7b2d-4c96-a0e4-d3b6f9c2e871",
            "Authorization", "eventbridge:test-eventbridge-basic-pass");

        Assert.Equal("Basic ZXZlbnRicmlkZ2U6dGVzdC1ldmVudGJyaWRnZS1iYXNpYy1wYXNz", webhook.Headers["Authorization"]);
        Assert.Equal("Amazon/EventBridge/ApiDestinations", webhook.Headers["User-Agent"]);
        Assert.Equal("application/json; charset=utf-8", webhook.ContentType);
    }

    [Fact]
    public void AmazonApiKey_TamperedBody_SendsTheSameUnsignedCredential()
    {
        var original = ChannelSamples.Bytes("amazon-eventbridge-listings-mfn-quantity.json");
        var tampered = Tamper("amazon-eventbridge-listings-mfn-quantity.json", "\"Quantity\": 41", "\"Quantity\": 0");

        var a = WebhookSigner.Amazon(original, "n", "x-serverlessops-key", "test-eventbridge-api-key-0001");
        var b = WebhookSigner.Amazon(tampered, "n", "x-serverlessops-key", "test-eventbridge-api-key-0001");

        Assert.Equal("3d810bac88a3a49ff8a7e5d1dc5cc94f857482a76f1cf5b4ffb86caec62152ff", Convert.ToHexStringLower(SHA256.HashData(original)));
        Assert.Equal("5a183954549f58cf869a40a7492ece7cd5a801f9ba5d18b788d49197d44843a5", Convert.ToHexStringLower(SHA256.HashData(tampered)));
        Assert.Equal("test-eventbridge-api-key-0001", a.Headers["x-serverlessops-key"]);
        Assert.Equal(a.Headers["x-serverlessops-key"], b.Headers["x-serverlessops-key"]);
    }

    [Fact]
    public async Task ToRequest_TikTok_SendsExactBytesAndBareAuthorizationHeader()
    {
        var body = ChannelSamples.Bytes("tiktok-order-status-change.json");
        var webhook = WebhookSigner.TikTok(body, "7440112233445566771", TikTokKey, TikTokSecret);

        using var request = webhook.ToRequest(new Uri("http://127.0.0.1:7071/"));

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:7071/api/webhooks/tiktok", request.RequestUri!.ToString());
        Assert.Equal(body, await request.Content!.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/json", request.Content.Headers.ContentType!.MediaType);
        Assert.Equal("d50dd764d6a4230dd28264a992cd233c2ef073183ee142331d0f6d390ac3412b", Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void ToWebhookRequest_Walmart_KeepsQueryAndHeadersCaseInsensitive()
    {
        var webhook = WebhookSigner.Walmart(
            ChannelSamples.Bytes("walmart-po-created.json"), "e", "10001234567", WalmartAuthMethod.Signature, "test-walmart-webhook-secret",
            signedAt: DateTimeOffset.FromUnixTimeSeconds(WalmartTimestamp));

        var request = webhook.ToWebhookRequest();

        Assert.Equal("10001234567", request.QueryParameter("account"));
        Assert.Equal("s3saHnZv3saC2ip84GUQcoc0lQdXs7zwC8hWffHjqJ4=", request.Header("wm_sec.signature"));
        Assert.Equal("application/json", request.Header("content-type"));
    }

    private static byte[] Tamper(string sample, string from, string to)
    {
        var text = ChannelSamples.Text(sample);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Anchor {from} not in {sample}.");
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length)));
    }
}
