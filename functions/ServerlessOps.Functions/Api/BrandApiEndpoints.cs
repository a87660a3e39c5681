namespace ServerlessOps.Functions.Api;

/// <summary>All read and operator APIs, under /api/brands/{brandId}: every record belongs to a brand.</summary>
public static class BrandApiEndpoints
{
    public static IEndpointRouteBuilder MapBrandApis(this IEndpointRouteBuilder endpoints)
    {
        var brands = endpoints.MapGroup("/api/brands/{brandId}").WithTags("Brands").AddEndpointFilter<KnownBrandFilter>();
        brands.MapOrders();
        brands.MapChannelEvents();
        brands.MapQuarantine();
        brands.MapRawDeliveries();
        endpoints.MapGet("/api/health", () => TypedResults.Ok(new { status = "ok" })).WithName("Health").WithTags("Health");
        return endpoints;
    }
}
