using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Reviews;

/// <summary>
/// GET /api/brands/{brandId}/reviews/{month}: the review's runtime status, its custom status while it runs (phase, rows
/// read, findings so far) and its result (report version and files) once complete. 404 when it never started.
/// </summary>
public sealed class GetReview : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/reviews/{month}";

    public static HttpRoute Route { get; } = HttpRoute.Get<GetReview>(
        Template, RouteAccess.Finance, "A monthly review's status: phase, rows read, findings so far, and its result", "Monthly review") with
    {
        Response = typeof(ReviewView),
        UsesDurableClient = true,
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetReview))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Route.DispatchAsync(request.HttpContext, this, client);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!ReviewParameters.TryRead(http, out var brandId, out var month, out var problem))
        {
            return problem!;
        }

        var instanceId = ReviewIds.For(brandId, month);
        var instance = await http.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no review of {month} (instance '{instanceId}'): not started yet, or purged.");
        }

        return TypedResults.Ok(new ReviewView(
            brandId, month.ToString(), instanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt,
            Parse(instance.SerializedCustomStatus),
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? Parse(instance.SerializedOutput) : null,
            instance.FailureDetails?.ErrorMessage ?? (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? instance.SerializedOutput : null)));
    }

    private static JsonElement? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonDocument.Parse(json).RootElement.Clone();
}
