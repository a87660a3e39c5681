using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// A privacy request's id, from what it asks rather than from the delivery that carried it: Shopify retries a delivery
/// with the same webhook id (de-duplicated at the edge) but may also send the same request again as a new event, and
/// both must land on one record.
/// </summary>
public static class PrivacyRequestIds
{
    public static string For(SalesChannel channel, PrivacyRequestNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var orders = string.Join(",", notice.ExternalOrderIds.Order(StringComparer.Ordinal));
        var key = string.Join(
            "|",
            channel.Slug(),
            notice.Kind.ToString(),
            notice.AccountId.ToLowerInvariant(),
            notice.CustomerId ?? string.Empty,
            orders,
            notice.ChannelRequestId ?? string.Empty);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
        return string.Create(CultureInfo.InvariantCulture, $"{Slug(notice.Kind)}-{hash}");
    }

    public static string Slug(PrivacyRequestKind kind) => kind switch
    {
        PrivacyRequestKind.CustomerRedact => "customer-redact",
        PrivacyRequestKind.ShopRedact => "shop-redact",
        PrivacyRequestKind.CustomerDataRequest => "data-request",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown privacy request kind."),
    };
}
