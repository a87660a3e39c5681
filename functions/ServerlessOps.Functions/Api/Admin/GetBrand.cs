using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>GET /api/brands/{brandId}: one brand with its ETag (also in the ETag header).</summary>
public sealed class GetBrand(IBrandRegistry registry) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetBrand>(
        "api/brands/{brandId}", RouteAccess.Admin, "One brand: display name, currency, time zone, go-live, owners, policy", "Registry") with
    {
        Response = typeof(BrandView),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetBrand))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var brand = await registry.GetBrandAsync(brandId, cancellationToken);
        return brand is null
            ? Problems.Result(Problems.NotFound, $"Brand '{brandId}' is not in the registry.")
            : TypedResults.Ok(new BrandView(brand.Value, AdminRequests.SetETag(http, brand.ETag)));
    }
}
