namespace ServerlessOps.Functions.Api;

/// <summary>The body of a healthy <see cref="Health"/> answer.</summary>
public sealed record HealthStatus(string Status);
