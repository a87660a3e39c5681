using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>
/// The reviews' work blobs (<see cref="MonthlyReviewOptions.WorkContainer"/>), named after the brand and month
/// (<c>{brandId}/{yyyy-MM}/facts.json</c>), so a retried step finds what the step before wrote and overwrites its own
/// output with the same bytes. What passes through the orchestration history is these names, never the content.
/// </summary>
public sealed class ReviewWorkStore
{
    /// <summary>How many times <see cref="UpdateJsonAsync{T}"/> reads and decides again when another writer got in first.</summary>
    public const int MaxUpdateAttempts = 10;

    private readonly BlobContainerClient _container;
    private volatile bool _created;

    public ReviewWorkStore(BlobServiceClient blobService, IOptions<MonthlyReviewOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(options);
        _container = blobService.GetBlobContainerClient(options.Value.WorkContainer);
    }

    public static string ChannelFacts(ReviewRun run, SalesChannel channel) => $"{Folder(run)}/channel-{channel.Slug()}.json";

    public static string ChannelPnlLines(ReviewRun run, SalesChannel channel) => $"{Folder(run)}/channel-{channel.Slug()}-pnl-lines.csv";

    public static string Facts(ReviewRun run) => $"{Folder(run)}/facts.json";

    public static string Findings(ReviewRun run) => $"{Folder(run)}/findings.json";

    public static string Roadmap(ReviewRun run) => $"{Folder(run)}/roadmap.json";

    public static string Scale(ReviewRun run) => $"{Folder(run)}/scale.json";

    public static string AlertRules(string brandId) => $"{brandId}/alert-rules.json";

    public Task WriteJsonAsync<T>(string name, T value, CancellationToken cancellationToken) =>
        UploadAsync(name, JsonSerializer.SerializeToUtf8Bytes(value, ReviewWorkJson.Options), "application/json", cancellationToken);

    /// <summary>The blob's value; throws naming the blob when an earlier step has not written it.</summary>
    public async Task<T> ReadJsonAsync<T>(string name, CancellationToken cancellationToken) =>
        await TryReadJsonAsync<T>(name, cancellationToken)
        ?? throw new InvalidOperationException($"Review work blob '{name}' is missing: the step that writes it has not run for this brand and month.");

    public async Task<T?> TryReadJsonAsync<T>(string name, CancellationToken cancellationToken)
    {
        var bytes = await TryReadAsync(name, cancellationToken);
        return bytes is null ? default : JsonSerializer.Deserialize<T>(bytes, ReviewWorkJson.Options);
    }

    public Task<byte[]?> TryReadAsync(string name, CancellationToken cancellationToken) =>
        StorageErrors.TranslateAsync(async () =>
        {
            try
            {
                var download = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
                return download.Value.Content.ToArray();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return (byte[]?)null;
            }
        }, cancellationToken);

    /// <summary>
    /// Replaces the JSON blob with what <paramref name="decide"/> makes of its current value (null when there is none), only
    /// if no one wrote it since it was read: the upload carries the read's ETag (If-Match), or If-None-Match: * when there
    /// was none. A 412 or 409 means another writer committed first, so the read and the decision are made again on their
    /// value. <paramref name="decide"/> returning null leaves the blob as it is. True when this call wrote the blob; throws
    /// <see cref="ConcurrencyConflictException"/> when other writers won <see cref="MaxUpdateAttempts"/> times in a row.
    /// </summary>
    public Task<bool> UpdateJsonAsync<T>(string name, Func<T?, T?> decide, CancellationToken cancellationToken)
        where T : class =>
        StorageErrors.TranslateAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(decide);
            await EnsureContainerAsync(cancellationToken);
            var blob = _container.GetBlobClient(name);
            for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
            {
                var (current, etag) = await ReadWithETagAsync<T>(blob, cancellationToken);
                if (decide(current) is not { } next)
                {
                    return false;
                }

                var conditions = etag is { } read ? new BlobRequestConditions { IfMatch = read } : new BlobRequestConditions { IfNoneMatch = ETag.All };
                try
                {
                    await blob.UploadAsync(
                        BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(next, ReviewWorkJson.Options)),
                        new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = conditions },
                        cancellationToken);
                    return true;
                }
                catch (RequestFailedException e) when (e.Status is 412 or 409)
                {
                    // Another writer replaced (412) or created (409) the blob since our read: decide again on what they wrote.
                }
            }

            throw new ConcurrencyConflictException($"Review work blob '{name}' was written by someone else on each of {MaxUpdateAttempts} attempts to update it.");
        }, cancellationToken);

    /// <summary>A stream that uploads as it is written (blocks staged as they fill), replacing the blob when disposed.</summary>
    public Task<Stream> OpenWriteAsync(string name, CancellationToken cancellationToken) =>
        StorageErrors.TranslateAsync(async () =>
        {
            await EnsureContainerAsync(cancellationToken);
            return await _container.GetBlobClient(name).OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" } }, cancellationToken);
        }, cancellationToken);

    /// <summary>Copies the blob's content into <paramref name="destination"/> without holding it whole; false when it does not exist.</summary>
    public Task<bool> CopyToAsync(string name, Stream destination, CancellationToken cancellationToken) =>
        StorageErrors.TranslateAsync(async () =>
        {
            try
            {
                await _container.GetBlobClient(name).DownloadToAsync(destination, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return false;
            }
        }, cancellationToken);

    private Task UploadAsync(string name, byte[] content, string contentType, CancellationToken cancellationToken) =>
        StorageErrors.TranslateAsync(async () =>
        {
            // A block blob upload replaces the blob whole: a retried step overwrites with the same bytes.
            await EnsureContainerAsync(cancellationToken);
            await _container.GetBlobClient(name).UploadAsync(
                BinaryData.FromBytes(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        }, cancellationToken);

    private static async Task<(T? Value, ETag? ETag)> ReadWithETagAsync<T>(BlobClient blob, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken);
            return (JsonSerializer.Deserialize<T>(download.Value.Content.ToMemory().Span, ReviewWorkJson.Options), download.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
            _created = true;
        }
    }

    private static string Folder(ReviewRun run) => $"{run.BrandId}/{run.Month}";
}
