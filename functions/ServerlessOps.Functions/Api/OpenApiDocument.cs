using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api;

/// <summary>GET /openapi/v1.json: the OpenAPI document of every route, with the role each one requires, in both hosts.</summary>
public sealed class OpenApiDocument(OpenApiDocumentWriter writer) : IHttpFunction
{
    public const string DocumentName = "v1";

    public static HttpRoute Route { get; } = HttpRoute.Get<OpenApiDocument>(
        "openapi/{documentName}.json", RouteAccess.Anonymous, "This OpenAPI document; each operation names its required role (x-required-role)", "OpenAPI") with
    {
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(OpenApiDocument))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var name = http.RouteValue("documentName");
        return Task.FromResult(name == DocumentName
            ? TypedResults.Text(writer.Document, "application/json")
            : Problems.Result(Problems.NotFound, $"There is one OpenAPI document, '{DocumentName}'; '{name}' does not exist."));
    }
}
