using Microsoft.AspNetCore.Http;
using ServerlessOps.Durable.Client;

namespace ServerlessOps.Durable.Http;

/// <summary>The management API's problem+json answers: one title and status each.</summary>
internal static class Problems
{
    public static IResult NotFound(string? instanceId) => Results.Problem(
        title: "Instance not found",
        detail: instanceId is null ? "No instance matched the filter." : $"No orchestration instance '{instanceId}' exists in this task hub.",
        statusCode: StatusCodes.Status404NotFound);

    public static IResult Gone(string instanceId, OrchestrationRuntimeStatus status) => Results.Problem(
        title: "Instance finished",
        detail: $"Orchestration instance '{instanceId}' is {status}; it accepts no more events or commands.",
        statusCode: StatusCodes.Status410Gone);

    public static IResult Conflict(string detail) => Results.Problem(
        title: "Instance already running",
        detail: detail,
        statusCode: StatusCodes.Status409Conflict);

    public static IResult BadRequest(string detail) => Results.Problem(
        title: "Invalid request",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest);
}
