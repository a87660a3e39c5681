using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>The checks every query string Shopify sends the app must pass: a valid shop domain, our HMAC, a fresh timestamp.</summary>
internal static class ShopifyRequest
{
    public static (ProblemType Type, string Detail)? Check(IReadOnlyList<KeyValuePair<string, string>> query, ShopifyAppOptions app, DateTimeOffset now)
    {
        var shop = ConnectionCallbacks.Value(query, "shop");
        if (ShopifyShopDomain.Normalize(shop) is null)
        {
            return (Problems.InvalidParameter, $"'shop' must be a shop's *.myshopify.com domain; received '{shop}'.");
        }

        if (!ShopifyQuerySignature.Verify(query, [app.ClientSecret]))
        {
            return (Problems.AuthorizationSignatureInvalid, "The 'hmac' parameter is missing or is not Shopify's signature of this query under the app's client secret.");
        }

        if (!ShopifyQuerySignature.IsWithinWindow(ConnectionCallbacks.Value(query, "timestamp"), now, app.TimestampWindow))
        {
            return (Problems.AuthorizationSignatureInvalid, $"The signed 'timestamp' is missing or more than {app.TimestampWindow.TotalSeconds:0} s from our clock (a replayed URL?).");
        }

        return null;
    }
}
