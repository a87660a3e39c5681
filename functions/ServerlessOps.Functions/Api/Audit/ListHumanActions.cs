using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Audit;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Audit;

/// <summary>
/// GET /api/brands/{brandId}/audit/actions?day=yyyy-MM-dd (beside the registry's own audit at .../audit): what people did to the brand on one UTC day, oldest first: who
/// (name and roles), when, what (kind, subject, detail) and the feature's own record where it keeps one. Operations
/// (admin holds every role); one single-partition read.
/// </summary>
public sealed class ListHumanActions(IHumanActionLog log) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/audit/actions";

    public static HttpRoute Route { get; } = HttpRoute.Get<ListHumanActions>(
        Template, RouteAccess.Operations,
        "What people did to the brand on one UTC day (?day=yyyy-MM-dd), oldest first: who, when, what, and the feature's own record", "Audit") with
    {
        Response = typeof(HumanActionsView),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Query = [new QueryParameter("day", "UTC date, yyyy-MM-dd", Required: true)],
    };

    [Function(nameof(ListHumanActions))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!ApiParameters.TryParseDay(http.QueryValue("day"), out var day, out var problem))
        {
            return problem!;
        }

        var brandId = http.RouteValue("brandId");
        var actions = await log.ListDayAsync(brandId, day, cancellationToken);
        return TypedResults.Ok(new HumanActionsView(brandId, day, actions));
    }
}

/// <summary>A brand's human actions on one UTC day.</summary>
public sealed record HumanActionsView(string BrandId, DateOnly Day, IReadOnlyList<HumanAction> Entries);
