using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>
/// Reads, checks and plans the writes of import kinds <see cref="CatalogImporter"/> does not know itself (the monthly
/// review's history, Infrastructure/Review/Import), so they share its route, hashing, record and all-or-nothing rule.
/// The planner reads the body itself: an order history file is streamed, not read into rows whole.
/// </summary>
public interface IImportKindPlanner
{
    bool Plans(ImportKind kind);

    /// <param name="importId">The import's id (<see cref="ImportRecord.IdFor"/>), for the source rows the writes carry.</param>
    Task<ImportPlan> PlanAsync(ImportRequest request, string importId, CancellationToken cancellationToken);
}
