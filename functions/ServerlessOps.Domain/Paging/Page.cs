namespace ServerlessOps.Domain.Paging;

/// <summary>One page of a list; <see cref="Next"/> is where the next page starts, or null when this is the last one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, KeysetPosition? Next);
