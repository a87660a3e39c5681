using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// GET /api/brands/{brandId}/audit[?limit=&amp;after=]: every change to the brand and its accounts, newest first, in pages
/// (<see cref="ListPaging"/>; the trail keeps every change forever): who, when, what field by field (secrets only as "changed").
/// </summary>
public sealed class ListRegistryAudit(IBrandRegistry registry) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListRegistryAudit>(
        "api/brands/{brandId}/audit", RouteAccess.Admin, "The brand's registry changes, newest first: who, when, which fields", "Registry") with
    {
        Response = typeof(IReadOnlyList<RegistryAuditEntry>),
        Paging = new ListPaging("registry-audit"),
    };

    [Function(nameof(ListRegistryAudit))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/audit")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!PageParameters.TryRead(http, out var page, out var problem))
        {
            return problem!;
        }

        var listed = await registry.ListAuditPageAsync(http.RouteValue("brandId"), page, cancellationToken);
        return PageParameters.Ok(http, listed.Items, listed.Next);
    }
}
