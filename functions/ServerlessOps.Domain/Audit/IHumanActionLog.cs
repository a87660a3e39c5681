namespace ServerlessOps.Domain.Audit;

/// <summary>
/// The audit log of human actions, one per brand: written by every route a person uses to change something, read
/// per brand and UTC day. Writes are idempotent by id: the same id twice keeps the first entry,
/// so a retried request never logs twice.
/// </summary>
public interface IHumanActionLog
{
    /// <summary>Records the action under <paramref name="id"/>; false when an entry with that id already exists (nothing written).</summary>
    Task<bool> RecordAsync(HumanAction action, string id, CancellationToken cancellationToken = default);

    /// <summary>Whether the brand's log holds an entry with this id in the month of <paramref name="at"/>.</summary>
    Task<bool> ExistsAsync(string brandId, DateTimeOffset at, string id, CancellationToken cancellationToken = default);

    /// <summary>The brand's actions on one UTC day, oldest first.</summary>
    Task<IReadOnlyList<HumanAction>> ListDayAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default);
}
