using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Audit;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Audit;

/// <summary>
/// <see cref="IHumanActionLog"/> on Cosmos (<see cref="HumanActionDocument"/>). A record is a conditional create: a
/// second write of the same id (a retried request) gets a 409 and leaves the first entry, its time included.
/// </summary>
public sealed class CosmosHumanActionLog : IHumanActionLog
{
    private readonly CosmosDocuments<HumanActionDocument> _documents;

    public CosmosHumanActionLog(CosmosContainers containers, IOptions<CosmosOptions> cosmos, ILogger<CosmosHumanActionLog> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmos);
        _documents = new(containers.Client.GetContainer(containers.DatabaseName, CosmosContainers.AuditLogName), cosmos.Value.QueryPageSize, logger);
    }

    public async Task<bool> RecordAsync(HumanAction action, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var document = HumanActionDocument.From(action, CosmosIds.Encode(id));
        try
        {
            await _documents.CreateAsync(document, document.Pk, document.Id, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    public async Task<bool> ExistsAsync(string brandId, DateTimeOffset at, string id, CancellationToken cancellationToken = default) =>
        await _documents.ReadAsync(HumanActionDocument.PartitionKeyFor(brandId, at), CosmosIds.Encode(id), cancellationToken) is not null;

    public async Task<IReadOnlyList<HumanAction>> ListDayAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var documents = await _documents.QueryAsync(
            HumanActionDocument.PartitionKeyFor(brandId, at), HumanActionDocument.DocumentType,
            "c.day = @day", "c.id ASC", [new("@day", HumanActionDocument.DayText(day))], cancellationToken);

        // Ordered here by time: ids are hashes (deterministic, so a retry maps to the same one), not times.
        return [.. documents.Select(d => d.ToAction()).OrderBy(a => a.At).ThenBy(a => a.Kind, StringComparer.Ordinal)];
    }
}
