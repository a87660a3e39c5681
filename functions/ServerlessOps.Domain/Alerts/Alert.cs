using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// One business problem of a brand, de-duplicated: one record per brand, kind and subject (<see cref="AlertIds"/>),
/// raised any number of times. An episode runs from the raise that opens it to its resolution; raising it after
/// that opens the next episode on the same record (<see cref="Episode"/>, <see cref="PastEpisodes"/>).
/// Changes are made by <see cref="AlertRaising"/>, <see cref="AlertTransitions"/> and
/// <see cref="AlertNotifications"/>, pure functions the stores and handlers apply under an ETag.
/// </summary>
public sealed record Alert
{
    /// <summary>Most past episodes kept on the record; older ones are dropped.</summary>
    public const int MaxPastEpisodes = 10;

    /// <summary>
    /// Most occurrence keys kept (<see cref="CountedKeys"/>); past it the oldest goes. A key matters only while its raise
    /// can run again (an activity's retries or a second worker taking it over: seconds to minutes), a time in which one
    /// problem is raised a handful of times, so 32 covers it and keeps the record small (~40 characters a key).
    /// </summary>
    public const int MaxCountedKeys = 32;

    /// <summary>Deterministic from brand, kind and subject (<see cref="AlertIds.For"/>).</summary>
    public required string Id { get; init; }

    public required string BrandId { get; init; }

    public required AlertKind Kind { get; init; }

    public required AlertSubject Subject { get; init; }

    /// <summary>Whose problem it is: with <see cref="Channel"/>, picks <see cref="Owner"/>.</summary>
    public required BrandSignal Signal { get; init; }

    public SalesChannel? Channel { get; init; }

    /// <summary>As of the latest raise.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>Who is told (an e-mail address from the brand's owners), as resolved at the latest raise; null when the brand names nobody.</summary>
    public string? Owner { get; init; }

    /// <summary>As of the latest raise.</summary>
    public required string Message { get; init; }

    /// <summary>As of the latest raise.</summary>
    public MoneyAtStake? MoneyAtStake { get; init; }

    /// <summary>As of the latest raise.</summary>
    public IReadOnlyDictionary<string, string> Evidence { get; init; } = new Dictionary<string, string>();

    /// <summary>The raise that opened this episode.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>The latest raise of this episode.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>Raises counted in this episode, the opening one included.</summary>
    public int Occurrences { get; init; } = 1;

    /// <summary>1 for the first episode; one more each time it is raised again after being resolved.</summary>
    public int Episode { get; init; } = 1;

    public AlertState State { get; init; } = AlertState.Open;

    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>A person (the API caller) or <c>system</c> when the raising code cleared it.</summary>
    public string? ResolvedBy { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public string? Resolution { get; init; }

    /// <summary>Whether, when and how often the owner was told.</summary>
    public AlertNotification Notification { get; init; } = new();

    /// <summary>1 when created, one more on every stored change: orders the changes the open-alert counts apply.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>
    /// When a stored write last changed <see cref="State"/> (set by the store, as <see cref="Revision"/> is; null on records
    /// written before it was kept): how the open-alert counts' recount finds changes that may still be on their way.
    /// </summary>
    public DateTimeOffset? StateChangedAt { get; init; }

    /// <summary>
    /// The occurrence keys of the latest keyed raises counted (<see cref="AlertRaise.OccurrenceKey"/>), oldest first, at
    /// most <see cref="MaxCountedKeys"/>: a raise run again finds its key here and counts nothing. Kept across a
    /// resolution and a reopening, since a key names one raise, counted in the episode it came in: a late second
    /// execution of a raise from a resolved episode must neither reopen the alert nor count in the next episode.
    /// </summary>
    public IReadOnlyList<string> CountedKeys { get; init; } = [];

    /// <summary>Earlier episodes, newest first, at most <see cref="MaxPastEpisodes"/>.</summary>
    public IReadOnlyList<AlertEpisode> PastEpisodes { get; init; } = [];

    /// <summary>Open or acknowledged.</summary>
    public bool IsUnresolved => State != AlertState.Resolved;

    /// <summary>Brand, kind slug and subject: what makes two raises the same alert.</summary>
    public string DedupeKey => AlertIds.DedupeKey(BrandId, Kind, Subject);
}
