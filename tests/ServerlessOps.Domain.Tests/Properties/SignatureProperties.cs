using FsCheck;
using FsCheck.Xunit;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Channels.TikTokShop;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Properties;

/// <summary>For any body and secret: the signature the channel would send verifies, and any one changed byte does not.</summary>
public sealed class SignatureProperties
{
    [Property]
    public bool ShopifySignature_AnyBody_VerifiesAndAnyFlippedByteFails(NonEmptyArray<byte> body, NonEmptyString secret, PositiveInt position)
    {
        var bytes = body.Get;
        var header = ShopifySignature.Compute(bytes, secret.Get);
        return ShopifySignature.Verify(bytes, header, [secret.Get])
            && !ShopifySignature.Verify(Flip(bytes, position.Get), header, [secret.Get]);
    }

    [Property]
    public bool TikTokSignature_AnyBody_VerifiesAndAnyFlippedByteFails(NonEmptyArray<byte> body, NonEmptyString appKey, NonEmptyString secret, PositiveInt position)
    {
        var bytes = body.Get;
        var header = TikTokShopSignature.Compute(bytes, appKey.Get, secret.Get);
        return TikTokShopSignature.Verify(bytes, header, appKey.Get, [secret.Get])
            && !TikTokShopSignature.Verify(Flip(bytes, position.Get), header, appKey.Get, [secret.Get]);
    }

    [Property]
    public bool WalmartSignature_AnyBody_VerifiesAndAnyFlippedByteFails(NonEmptyArray<byte> body, NonEmptyString secret, PositiveInt position, PositiveInt timestamp)
    {
        var bytes = body.Get;
        var ts = timestamp.Get.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var header = WalmartSignature.Compute("POST", "/api/webhooks/walmart", ts, bytes, secret.Get);
        var signed = Requests.Post(bytes, "/api/webhooks/walmart", ("WM_SEC.SIGNATURE", header), ("WM_SEC.TIMESTAMP", ts));
        var tampered = signed with { Body = Flip(bytes, position.Get) };
        return WalmartSignature.Verify(signed, [secret.Get]) && !WalmartSignature.Verify(tampered, [secret.Get]);
    }

    private static byte[] Flip(byte[] bytes, int position)
    {
        var copy = (byte[])bytes.Clone();
        copy[position % copy.Length] ^= 0x01;
        return copy;
    }
}
