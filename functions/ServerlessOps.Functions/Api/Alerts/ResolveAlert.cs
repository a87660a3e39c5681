using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Alerts;

namespace ServerlessOps.Functions.Api.Alerts;

/// <summary>
/// POST /api/brands/{brandId}/alerts/{alertId}/resolve, optional body <c>{"resolution": "..."}</c>: the caller says the
/// cause is gone. A pending notification is dropped; raising the alert again opens a new episode and notifies.
/// </summary>
public sealed class ResolveAlert(AlertUpdater updater) : IHttpFunction
{
    /// <summary>Longest resolution note kept, and the body limit that follows from it.</summary>
    public const int MaxResolutionLength = 1000;

    private const int MaxBodyBytes = 8 * 1024;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static HttpRoute Route { get; } = HttpRoute.Post<ResolveAlert>(
        "api/brands/{brandId}/alerts/{alertId}/resolve", RouteAccess.Operations,
        "Resolves an alert as the caller (optional body {\"resolution\": \"...\"}); 409 when it is resolved already", "Alerts") with
    {
        Response = typeof(AlertView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict],
    };

    [Function(nameof(ResolveAlert))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/brands/{brandId}/alerts/{alertId}/resolve")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var alertId = http.RouteValue("alertId");
        var by = http.Caller?.Name ?? throw new InvalidOperationException($"{Route.Name} runs only for a signed-in caller.");
        var (resolution, problem) = await ReadResolutionAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var update = await updater.ResolveAsync(brandId, alertId, by, resolution, cancellationToken);
        return update switch
        {
            { Alert: { } alert } => TypedResults.Ok(AlertView.From(alert)),
            { Refusal: { } refusal } => Problems.Result(Problems.Conflict, refusal),
            _ => AlertParameters.NotFound(brandId, alertId),
        };
    }

    private static async Task<(string? Resolution, IResult? Problem)> ReadResolutionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, Problems.Result(Problems.InvalidBody, $"The body may be at most {MaxBodyBytes} bytes: {{\"resolution\": \"...\"}} with at most {MaxResolutionLength} characters."));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, null);
        }

        try
        {
            var body = JsonSerializer.Deserialize<ResolveBody>(buffer.ToArray(), _json);
            var resolution = body?.Resolution?.Trim();
            return resolution is { Length: > MaxResolutionLength }
                ? (null, Problems.Result(Problems.InvalidBody, $"'resolution' may be at most {MaxResolutionLength} characters; received {resolution.Length}."))
                : (resolution, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Result(Problems.InvalidBody, $"The body must be JSON like {{\"resolution\": \"...\"}} or empty; {e.Message}"));
        }
    }

    private sealed record ResolveBody(string? Resolution);
}
