namespace ServerlessOps.Domain.Alerts;

/// <summary>A finished episode of an alert, kept on the record when it is raised again (<see cref="Alert.PastEpisodes"/>).</summary>
public sealed record AlertEpisode(
    int Episode,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Occurrences,
    string? AcknowledgedBy,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? Resolution);
