using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>
/// Erases personal data from raw delivery blobs in place: the body is rewritten redacted (<see cref="PersonalDataRedactor"/>)
/// under the blob's ETag and the state it read, keeping its metadata (receipt, headers; a reason quoting an erased value is
/// scrubbed) and index tags (its state), so ingestion, replays and the stranded-delivery sweep see the same delivery, only without the buyer. The
/// stored body no longer matches the channel's signature, which is checked only at the edge. The storage account keeps
/// soft-deleted blobs for 7 days (infra/azure/modules/storage.bicep) and an overwrite leaves the previous body as one, so
/// the unredacted copy is unrecoverable 7 days after this runs: inside Shopify's 30 days, which the request's due date
/// counts from receipt. The account keeps no blob versions.
/// </summary>
public sealed class RawDeliveryRedactor
{
    private const int Attempts = 5;

    private readonly BlobContainerClient _container;

    public RawDeliveryRedactor(BlobServiceClient blobService, IOptions<IngestionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(options);
        _container = blobService.GetBlobContainerClient(options.Value.RawContainer);
    }

    /// <summary>
    /// Redacts the blob when it concerns the request (<paramref name="concerns"/>; null: it does by construction, e.g. a
    /// delivery a stored order points to). Null when the blob is gone or does not concern it. Idempotent.
    /// </summary>
    /// <param name="knownValues">The request's own personal values: scrubbed as text from a body that is not JSON.</param>
    public Task<RawRedaction?> RedactAsync(
        string blobName,
        Func<JsonNode, bool>? concerns,
        IReadOnlyCollection<string> knownValues,
        CancellationToken cancellationToken = default) =>
        RedactAsync(blobName, concerns, ofAccount: null, knownValues, scrubCopies: null, cancellationToken);

    /// <inheritdoc cref="RedactAsync(string, Func{JsonNode, bool}?, IReadOnlyCollection{string}, CancellationToken)"/>
    /// <param name="ofAccount">
    /// Only a delivery of this channel account (its blob's metadata) is redacted, null when any: a request is one shop's,
    /// and a brand's other shop on the same channel keeps its own customers' data.
    /// </param>
    /// <param name="scrubCopies">
    /// Given what the blob's redaction erases, before its body is overwritten: copies of those values quoted elsewhere
    /// (free text) are scrubbed while the blob still holds them, since a retry after the overwrite could no longer tell
    /// which values to look for. Called again when the blob changed under the redaction (idempotent).
    /// </param>
    public Task<RawRedaction?> RedactAsync(
        string blobName,
        Func<JsonNode, bool>? concerns,
        string? ofAccount,
        IReadOnlyCollection<string> knownValues,
        Func<RawRedaction, CancellationToken, Task>? scrubCopies,
        CancellationToken cancellationToken) =>
        StorageErrors.TranslateAsync(async () =>
        {
            var blob = _container.GetBlobClient(blobName);
            for (var attempt = 1; ; attempt++)
            {
                BlobDownloadResult download;
                try
                {
                    download = (await blob.DownloadContentAsync(cancellationToken)).Value;
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    return null;
                }

                var state = await RawDeliveryTags.ReadStateAsync(blob, download.Details.TagCount, download.Details.Metadata, cancellationToken);
                var delivery = RawDeliveryMetadata.ToDelivery(RawDelivery.DeliveryKeyOf(blobName), download.Details.Metadata, download.Content.ToMemory(), state);
                if (ofAccount is not null && !string.Equals(delivery.AccountId, ofAccount, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                var redacted = Redact(delivery.Body, concerns, knownValues);
                if (redacted is null)
                {
                    return null;
                }

                var (body, redaction) = redacted.Value;
                var reason = delivery.Reason is null ? null : PersonalDataRedactor.Scrub(delivery.Reason, redaction.ErasedValues.Concat(knownValues));
                var result = new RawRedaction(blobName, delivery.BrandId, delivery.DeliveryKey, delivery.ReceivedAt, redaction);
                if (scrubCopies is not null)
                {
                    await scrubCopies(result, cancellationToken);
                }

                if (!redaction.Changed && string.Equals(reason, delivery.Reason, StringComparison.Ordinal))
                {
                    return result;
                }

                try
                {
                    await OverwriteAsync(blob, download.Details, delivery with { Reason = reason }, body, cancellationToken);
                    return result;
                }
                catch (RequestFailedException e) when (e.Status == 412 && attempt < Attempts)
                {
                    // The processor recorded the delivery's state or reason meanwhile: read again and redact that copy.
                }
            }
        }, cancellationToken);

    /// <summary>The blob's body as JSON, or null when it is gone or not JSON (a data request's export reads it).</summary>
    public Task<JsonNode?> ReadJsonAsync(string blobName, CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(async () =>
        {
            try
            {
                var download = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
                return JsonNode.Parse(download.Value.Content.ToMemory().Span);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
            catch (JsonException)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>Every raw delivery blob of one channel account of a brand (<c>shop/redact</c>): a prefix listing with metadata.</summary>
    public async IAsyncEnumerable<string> ListAccountBlobsAsync(
        string brandId,
        SalesChannel channel,
        string accountId,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = $"{RawDelivery.BlobNameFor(brandId, channel, "x")[..^1]}";
        var encodedAccount = RawDeliveryMetadata.Encode(accountId);
        var pages = _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken);
        await using var items = pages.GetAsyncEnumerator(cancellationToken);
        while (await StorageErrors.TranslateAsync(() => items.MoveNextAsync().AsTask(), cancellationToken))
        {
            var item = items.Current;
            if (item.Metadata.TryGetValue(RawDeliveryMetadata.Account, out var account)
                && (string.Equals(account, encodedAccount, StringComparison.Ordinal) || string.Equals(Decode(account), accountId, StringComparison.OrdinalIgnoreCase)))
            {
                yield return item.Name;
            }
        }
    }

    private static (byte[] Body, PersonalDataRedaction Redaction)? Redact(ReadOnlyMemory<byte> body, Func<JsonNode, bool>? concerns, IReadOnlyCollection<string> knownValues)
    {
        JsonNode? root = null;
        try
        {
            root = JsonNode.Parse(body.Span);
        }
        catch (JsonException)
        {
            // A quarantined body that is not JSON: only the request's own values can be found in it, as text.
        }

        if (root is null)
        {
            var text = Encoding.UTF8.GetString(body.Span);
            var scrubbed = PersonalDataRedactor.Scrub(text, knownValues);
            if (concerns is not null && string.Equals(text, scrubbed, StringComparison.Ordinal))
            {
                return null;
            }

            var erased = new HashSet<string>(knownValues, StringComparer.Ordinal);
            return (Encoding.UTF8.GetBytes(scrubbed), string.Equals(text, scrubbed, StringComparison.Ordinal) ? PersonalDataRedaction.None : new PersonalDataRedaction(1, erased));
        }

        if (concerns is not null && !concerns(root))
        {
            return null;
        }

        var redaction = PersonalDataRedactor.Redact(root);
        return (redaction.Changed ? JsonSerializer.SerializeToUtf8Bytes(root, PersonalDataRedactor.StorageJson) : body.ToArray(), redaction);
    }

    private static async Task OverwriteAsync(BlobClient blob, BlobDownloadDetails details, RawDelivery delivery, byte[] body, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            // The ETag covers body and metadata; a state change is a tag write, which leaves the ETag alone, so the state
            // read is a condition too (a blob from before the state moved to tags has none to state).
            Conditions = new BlobRequestConditions
            {
                IfMatch = details.ETag,
                TagConditions = details.TagCount > 0 ? RawDeliveryTags.StateIs(delivery.State) : null,
            },
            Metadata = RawDeliveryMetadata.From(delivery),
            Tags = RawDeliveryTags.For(delivery.State, delivery.ReceivedAt),
            HttpHeaders = new BlobHttpHeaders { ContentType = details.ContentType },
        };
        await blob.UploadAsync(BinaryData.FromBytes(body), options, cancellationToken);
    }

    private static string Decode(string value)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            return value;
        }
    }
}
