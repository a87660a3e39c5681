using System.Net;
using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>Log events of the Cosmos stores: ids 4000-4099. Ids and status codes only, never document bodies.</summary>
internal static partial class CosmosLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Cosmos database {DatabaseName} and its {ContainerCount} containers are in place (created where missing)")]
    internal static partial void ContainersEnsured(this ILogger logger, string databaseName, int containerCount);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Cosmos provisioning skipped for database {DatabaseName}: CreateIfMissing is false, the containers come from the Bicep template")]
    internal static partial void ProvisioningSkipped(this ILogger logger, string databaseName);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Cosmos {Operation} on {Container} (partition {PartitionKey}, id {DocumentId}) answered {StatusCode}/{SubStatusCode}: reported as unavailable, retry after {RetryAfterMs} ms (activity {ActivityId})")]
    internal static partial void StoreUnavailable(this ILogger logger, string operation, string container, string partitionKey, string? documentId, HttpStatusCode statusCode, int subStatusCode, long retryAfterMs, string? activityId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Cosmos {Operation} on {Container} (partition {PartitionKey}, id {DocumentId}) could not reach the service ({ExceptionType}): reported as unavailable")]
    internal static partial void StoreUnreachable(this ILogger logger, string operation, string container, string partitionKey, string? documentId, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error,
        Message = "Cosmos {Operation} on {Container} (partition {PartitionKey}, id {DocumentId}) was rejected with {StatusCode}/{SubStatusCode} (activity {ActivityId})")]
    internal static partial void StoreRejected(this ILogger logger, string operation, string container, string partitionKey, string? documentId, HttpStatusCode statusCode, int subStatusCode, string? activityId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug,
        Message = "Cosmos {Operation} on {Container} (partition {PartitionKey}, id {DocumentId}) lost to another writer ({StatusCode})")]
    internal static partial void ConcurrencyConflict(this ILogger logger, string operation, string container, string partitionKey, string documentId, HttpStatusCode statusCode);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug,
        Message = "Cosmos query on {Container} (partition {PartitionKey}) read {ItemCount} items in {PageCount} pages for {RequestCharge} RU")]
    internal static partial void QueryCompleted(this ILogger logger, string container, string partitionKey, int itemCount, int pageCount, double requestCharge);
}
