using System.Text.Json;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// The queue message of a <see cref="RawDeliveryBundle"/>: only its blob name, since processing reads the
/// deliveries from the bundle itself. Shares the delivery queue with <see cref="DeliveryMessageBatch"/>es
/// (the sweep's, replays', split-out retries'), told apart by its <c>bundle</c> property.
/// </summary>
public sealed record DeliveryBundleMessage(string BundleBlobName)
{
    private const string BundleProperty = "bundle";

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, string> { [BundleProperty] = BundleBlobName });

    /// <summary>
    /// True when <paramref name="json"/> is a bundle's message. False for anything else, which the caller reads as a
    /// <see cref="DeliveryMessageBatch"/> (and rejects there if it is neither).
    /// </summary>
    public static bool TryParse(string json, out DeliveryBundleMessage? message)
    {
        message = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(BundleProperty, out var name)
                && name.ValueKind == JsonValueKind.String
                && name.GetString() is { } blobName
                && blobName.StartsWith(RawDeliveryBundle.Prefix, StringComparison.Ordinal))
            {
                message = new DeliveryBundleMessage(blobName);
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the batch parser names the problem.
        }

        return false;
    }
}
