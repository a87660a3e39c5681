using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>GET /api/brands: the registry's brands within the caller's scope, by id.</summary>
public sealed class ListBrands(IBrandRegistry registry) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListBrands>(
        "api/brands", RouteAccess.Admin, "The brands in the caller's scope", "Registry") with
    {
        Response = typeof(IReadOnlyList<BrandView>),
    };

    [Function(nameof(ListBrands))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brands = await registry.ListBrandsAsync(cancellationToken);
        return TypedResults.Ok(brands
            .Where(b => http.Caller!.MaySee(b.Value.Id))
            .Select(b => new BrandView(b.Value, AdminRequests.Bare(b.ETag)))
            .ToList());
    }
}
