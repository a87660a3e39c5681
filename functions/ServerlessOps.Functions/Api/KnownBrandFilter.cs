using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Errors;

namespace ServerlessOps.Functions.Api;

/// <summary>Every /api/brands/{brandId} route answers 404 for a brand that is not configured, before its handler runs.</summary>
internal sealed class KnownBrandFilter(BrandDirectory brands) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var brandId = context.HttpContext.GetRouteValue("brandId") as string;
        if (!brands.All.Any(r => string.Equals(r.Account.BrandId, brandId, StringComparison.Ordinal)))
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' is not configured.");
        }

        return await next(context);
    }
}
