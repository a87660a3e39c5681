namespace ServerlessOps.Domain.Concurrency;

/// <summary>A stored value with the ETag it was read at; writes pass the ETag back so two writers cannot both win.</summary>
public sealed record Versioned<T>(T Value, string ETag);
