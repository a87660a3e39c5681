using System.Text.Json;

namespace ServerlessOps.Functions.Api.Reviews;

/// <summary>
/// A monthly review as the API shows it: its instance, runtime status, the custom status while it runs (phase, rows read,
/// findings so far) and its result once complete.
/// </summary>
public sealed record ReviewView(
    string BrandId,
    string Month,
    string InstanceId,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonElement? Status,
    JsonElement? Result,
    string? Failure);
