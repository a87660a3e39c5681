using System.ComponentModel.DataAnnotations;
using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// Section <c>Cosmos</c>: how the app reaches its Cosmos DB account. Exactly one of
/// <see cref="ConnectionString"/> (local emulator) and <see cref="AccountEndpoint"/> (managed identity in
/// Azure) is set; <see cref="CosmosOptionsValidator"/> checks that at start.
/// </summary>
public sealed class CosmosOptions
{
    public const string SectionName = "Cosmos";

    /// <summary>
    /// <c>AccountEndpoint=https://127.0.0.1:8081/;AccountKey=...;</c> for the local emulator. Empty in Azure,
    /// where keys are disabled on the account. Default empty.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// <c>https://{account}.documents.azure.com:443/</c>: the account reached with a token from
    /// <see cref="ClientId"/>'s managed identity. Default empty.
    /// </summary>
    public string? AccountEndpoint { get; set; }

    /// <summary>
    /// Client id of the user-assigned managed identity used with <see cref="AccountEndpoint"/>; empty means
    /// <c>DefaultAzureCredential</c> (a developer's az login, or the system-assigned identity). Default empty.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>Database holding every container. Default <c>serverlessops</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$")]
    public string DatabaseName { get; set; } = CosmosContainers.DefaultDatabaseName;

    /// <summary>
    /// Create the database and containers at start when missing. Default false: in Azure the Bicep template
    /// creates them, and data-plane RBAC cannot. True in local settings (the emulator starts empty).
    /// </summary>
    public bool CreateIfMissing { get; set; }

    /// <summary>
    /// Accept the local emulator's self-signed certificate, for the configured endpoint's host:port only
    /// (every other host keeps full validation). Default false; true only against the emulator.
    /// </summary>
    public bool AcceptEmulatorCertificate { get; set; }

    /// <summary>
    /// <c>Gateway</c> (default) or <c>Direct</c>. Gateway is one HTTPS endpoint on 443: it is what the emulator
    /// speaks, it passes firewalls and private endpoints unchanged, and on a serverless plan it keeps the
    /// outbound connection (SNAT) count small; Direct (TCP to every replica, ports 10000-20000) saves a hop
    /// of latency on a busy dedicated plan. Direct is refused together with <see cref="AcceptEmulatorCertificate"/>.
    /// </summary>
    public ConnectionMode ConnectionMode { get; set; } = ConnectionMode.Gateway;

    /// <summary>Seconds to wait for one response from the service before the SDK retries or gives up. Default 6 (the SDK's); 1-120.</summary>
    [Range(1, 120)]
    public int RequestTimeoutSeconds { get; set; } = 6;

    /// <summary>
    /// How often the SDK itself retries a throttled (429) request, honouring the server's retry-after,
    /// before the store reports <see cref="StoreUnavailableException"/>. Default 9 (the SDK's); 0-100.
    /// </summary>
    [Range(0, 100)]
    public int MaxRetryAttemptsOnRateLimit { get; set; } = 9;

    /// <summary>Items per page of a list query (every page is read). Default 100; 1-1000.</summary>
    [Range(1, 1000)]
    public int QueryPageSize { get; set; } = 100;

    /// <summary>
    /// Items per page of a streaming read, one that yields as it goes and holds one page (the monthly review's orders of a
    /// window). Each page is one request, so larger pages mean fewer round trips (Cosmos DB still ends a page at 4 MB).
    /// Default 1000; 1-10,000.
    /// </summary>
    [Range(1, 10_000)]
    public int StreamPageSize { get; set; } = 1000;
}
