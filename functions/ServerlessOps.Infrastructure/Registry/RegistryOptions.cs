using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>Section <c>Registry</c>: the brand registry's secrets, cache and settings seed.</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>
    /// Whether a secret may be stored as its value (local runs and tests). Default true; Azure sets false, and then
    /// only Key Vault references are accepted: by the admin API, by the settings seed, and when resolving.
    /// </summary>
    public bool AllowLocalSecrets { get; set; } = true;

    /// <summary>
    /// The vault the settings seed refers to where local secrets are refused (<c>https://{vault}.vault.azure.net/</c>):
    /// a seeded account's secrets become references to the secrets infra/azure/settings.bicep names
    /// (<c>brand-{brandId}-{channel}-{n}-secret</c>, <c>-previous-secret</c>, <c>-access-token</c>), never copies of
    /// their values. Default none (local runs store values); Azure sets it.
    /// </summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity that reads Key Vault; empty = DefaultAzureCredential. Azure sets it.</summary>
    public string? ClientId { get; set; }

    /// <summary>How often the registry's change feed is read for changes to apply to the edge's cache. Default 2 s; 100 ms to 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ChangeFeedPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a Key Vault secret's value is used before it is read again, and how often the cache is rebuilt so a
    /// new version behind a versionless URI reaches the edge. Default 5 min; 10 s to 1 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan SecretCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether <c>Brands__*</c> settings seed the registry at start (creates only). Default true.</summary>
    public bool SeedFromSettings { get; set; } = true;
}
