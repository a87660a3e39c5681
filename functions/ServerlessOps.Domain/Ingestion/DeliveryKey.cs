using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Ingestion;

/// <summary>
/// The stable key of one channel delivery: the same (channel, account, delivery id) always gives the same
/// key, so retries and duplicates land on the same raw blob and the same event-log entry. Hashed because
/// delivery ids are channel-controlled text (any length, any characters) and the key becomes a blob name
/// and a Cosmos id.
/// </summary>
public static class DeliveryKey
{
    public static string For(SalesChannel channel, string accountId, string deliveryId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryId);
        var material = Encoding.UTF8.GetBytes($"{channel.Slug()}\n{accountId.Trim().ToLowerInvariant()}\n{deliveryId.Trim()}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(material).AsSpan(0, 16));
        return $"{channel.Slug()}-{hash}";
    }
}
