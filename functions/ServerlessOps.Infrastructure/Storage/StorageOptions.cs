using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Where the app's blobs and queues live. Locally a connection string to Azurite; in Azure the service URIs
/// with a managed identity, so no account key is ever in configuration.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>Connection string (local emulator only). Mutually exclusive with the service URIs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob service URI, e.g. https://account.blob.core.windows.net (Azure, identity-based).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Queue service URI, e.g. https://account.queue.core.windows.net (Azure, identity-based).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Table service URI (Azure, identity-based); used by the durable task hub.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty uses DefaultAzureCredential.</summary>
    public string? ClientId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasUris = BlobServiceUri is not null || QueueServiceUri is not null;
        if (hasConnectionString == hasUris)
        {
            yield return new ValidationResult(
                "Set either Storage:ConnectionString (local emulator) or Storage:BlobServiceUri and Storage:QueueServiceUri (Azure, managed identity), not both and not neither.",
                [nameof(ConnectionString), nameof(BlobServiceUri)]);
        }
        else if (hasUris && (BlobServiceUri is null || QueueServiceUri is null))
        {
            yield return new ValidationResult(
                "Identity-based storage needs both Storage:BlobServiceUri and Storage:QueueServiceUri.",
                [nameof(BlobServiceUri), nameof(QueueServiceUri)]);
        }
    }
}
