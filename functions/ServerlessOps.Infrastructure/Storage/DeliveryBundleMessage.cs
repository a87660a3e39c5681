using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// The queue message of a <see cref="RawDeliveryBundle"/>: the bundle itself when it fits a queue message
/// (<see cref="Inline"/>), otherwise only its blob name. Shares the delivery queue with <see cref="DeliveryMessageBatch"/>es
/// (the sweep's, replays', split-out retries'), told apart by its <c>bundle</c> or <c>inlineBundle</c> property.
/// </summary>
/// <remarks>
/// Why inline: a bundle blob cost Azurite a PUT, a GET and a DELETE per bundle, ~5.7 of the ~40 requests an order cost it
/// at the order-flow knee (benchmark README), and the message is as durable as the blob. An inline bundle is named
/// <c>inlineBundle</c>, not <c>bundle</c>, so that an instance still running the version before this one (a rolling
/// deployment) does not look for a blob that was never written and drop the message as "already processed": it fails
/// to parse it instead, and the message waits in the poison queue, whole, for a replay.
/// </remarks>
public sealed record DeliveryBundleMessage(string BundleBlobName, RawDeliveryBundle? Inline = null)
{
    /// <summary>
    /// Largest inline message, in UTF-8 bytes of its JSON. The queue client base64-encodes it (4 bytes for 3: 60 KiB) and
    /// Azure Queue Storage takes 64 KiB per message, so 4 KiB stay spare.
    /// </summary>
    public const int MaxInlineBytes = 45 * 1024;

    private const string BundleProperty = "bundle";
    private const string InlineProperty = "inlineBundle";
    private const string LinesProperty = "lines";

    /// <summary>The message carrying <paramref name="bundle"/> itself; it has no blob.</summary>
    public static DeliveryBundleMessage InlineOf(RawDeliveryBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new DeliveryBundleMessage(bundle.BlobName, bundle);
    }

    /// <summary>
    /// The message text of <paramref name="bundle"/> travelling inline, when it is at most <see cref="MaxInlineBytes"/>;
    /// false when the bundle needs a blob.
    /// </summary>
    public static bool TryInline(RawDeliveryBundle bundle, [NotNullWhen(true)] out string? json)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var bytes = InlineUtf8(bundle);
        json = bytes.Length <= MaxInlineBytes ? Encoding.UTF8.GetString(bytes) : null;
        return json is not null;
    }

    public string ToJson() =>
        Inline is null
            ? JsonSerializer.Serialize(new Dictionary<string, string> { [BundleProperty] = BundleBlobName })
            : Encoding.UTF8.GetString(InlineUtf8(Inline));

    /// <summary>
    /// True when <paramref name="json"/> is a bundle's message, inline or by blob name. False for anything else, which the
    /// caller reads as a <see cref="DeliveryMessageBatch"/> (and rejects there if it is neither). An inline bundle whose
    /// lines are not raw deliveries throws <see cref="InvalidDataException"/> naming the line.
    /// </summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out DeliveryBundleMessage? message)
    {
        message = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (BundleName(root, BundleProperty) is { } blobName)
            {
                message = new DeliveryBundleMessage(blobName);
                return true;
            }

            if (BundleName(root, InlineProperty) is { } inlineName && root.TryGetProperty(LinesProperty, out var lines))
            {
                message = InlineOf(RawDeliveryBundle.ParseLines(inlineName, lines));
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the batch parser names the problem.
        }

        return false;
    }

    private static string? BundleName(JsonElement root, string property) =>
        root.TryGetProperty(property, out var name)
        && name.ValueKind == JsonValueKind.String
        && name.GetString() is { } value
        && value.StartsWith(RawDeliveryBundle.Prefix, StringComparison.Ordinal)
            ? value
            : null;

    private static byte[] InlineUtf8(RawDeliveryBundle bundle)
    {
        using var content = new MemoryStream();
        // Relaxed escaping: the default escapes every '+' of the base64 bodies as \u002B, 6 bytes for 1; the message is
        // read by our parser only, never placed in HTML.
        using (var writer = new Utf8JsonWriter(content, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString(InlineProperty, bundle.BlobName);
            writer.WritePropertyName(LinesProperty);
            bundle.WriteLines(writer);
            writer.WriteEndObject();
        }

        return content.ToArray();
    }
}
