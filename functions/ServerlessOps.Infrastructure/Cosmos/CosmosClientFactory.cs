using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Serialization;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>Builds the app's one <see cref="CosmosClient"/> from <see cref="CosmosOptions"/>.</summary>
public static class CosmosClientFactory
{
    /// <summary>
    /// A client for the configured account: key from the connection string locally, otherwise a token from
    /// the managed identity (<see cref="CosmosOptions.ClientId"/>) or <c>DefaultAzureCredential</c>. Gateway
    /// mode by default (see <see cref="CosmosOptions.ConnectionMode"/> for why); against the emulator also
    /// <c>LimitToEndpoint</c> (it advertises no regions to discover) and the certificate policy for its
    /// host:port only, plus <see cref="EmulatorCompatibilityHandler"/>. A 503 is retried by
    /// <see cref="ServiceUnavailableRetryHandler"/>. The caller owns the client (DI disposes the singleton).
    /// </summary>
    /// <param name="handlers">Request handlers to add first (the operator signals' 429 counter), or none.</param>
    public static CosmosClient Create(CosmosOptions options, TokenCredential? credential = null, IEnumerable<RequestHandler>? handlers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = ResolveEndpoint(options);
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "ServerlessOps",
            ConnectionMode = options.ConnectionMode,
            RequestTimeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
            MaxRetryAttemptsOnRateLimitedRequests = options.MaxRetryAttemptsOnRateLimit,
            Serializer = new CosmosSystemTextJsonSerializer(CosmosJson.Options),
            LimitToEndpoint = options.AcceptEmulatorCertificate || endpoint.IsLoopback,
        };
        foreach (var handler in handlers ?? [])
        {
            clientOptions.CustomHandlers.Add(handler);
        }

        clientOptions.CustomHandlers.Add(new ServiceUnavailableRetryHandler());

        if (options.AcceptEmulatorCertificate)
        {
            var validator = new EmulatorCertificateValidator(endpoint);
            clientOptions.HttpClientFactory = validator.CreateHttpClient;
            clientOptions.CustomHandlers.Add(new EmulatorCompatibilityHandler());
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new CosmosClient(options.ConnectionString, clientOptions);
        }

        credential ??= string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId.Trim()));
        return new CosmosClient(endpoint.ToString(), credential, clientOptions);
    }

    /// <summary>The account endpoint, from whichever of the two settings is set.</summary>
    public static Uri ResolveEndpoint(CosmosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return CosmosOptionsValidator.TryReadEndpoint(options.ConnectionString, out var fromConnectionString)
                ? fromConnectionString
                : throw new InvalidOperationException("Cosmos__ConnectionString has no absolute https AccountEndpoint=...; part.");
        }

        return CosmosOptionsValidator.TryParseHttps(options.AccountEndpoint, out var endpoint)
            ? endpoint
            : throw new InvalidOperationException("Set Cosmos__ConnectionString or Cosmos__AccountEndpoint (an absolute https URI).");
    }
}
