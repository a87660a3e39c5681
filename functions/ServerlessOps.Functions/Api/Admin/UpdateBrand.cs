using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// PUT /api/brands/{brandId}: changes a brand (fields left out keep their value). If-Match with the ETag read is
/// required: 428 without it, 412 when someone changed the brand since.
/// </summary>
public sealed class UpdateBrand(IBrandRegistry registry, RegistryLoader loader, TimeProvider time) : IHttpFunction
{
    public static HttpRoute Route { get; } = new HttpRoute(nameof(UpdateBrand), HttpMethods.Put, "api/brands/{brandId}", RouteAccess.Admin, typeof(UpdateBrand))
    {
        Summary = "Changes a brand; If-Match with its ETag required (428 without, 412 when changed since)",
        Tag = "Registry",
        Response = typeof(BrandView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired],
    };

    [Function(nameof(UpdateBrand))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/brands/{brandId}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var (body, problem) = await AdminRequests.ReadAsync<BrandRequest>(http, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body.Id is not null && body.Id != brandId)
        {
            return AdminRequests.Invalid([new FieldError("id", $"A brand keeps its id: the body says '{body.Id}', the route '{brandId}'.")]);
        }

        var current = await registry.GetBrandAsync(brandId, cancellationToken);
        if (current is null)
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' is not in the registry; create it with POST /api/brands.");
        }

        if (AdminRequests.CheckIfMatch(http, current.ETag, $"Brand '{brandId}'") is { } precondition)
        {
            return precondition;
        }

        try
        {
            var updated = await registry.ReplaceBrandAsync(
                current, body.ToBrand(brandId, current.Value, time.GetUtcNow()), new RegistryChange(http.Caller!.Name, RegistryChange.Updated), cancellationToken);
            await loader.TryReloadAsync("brand updated", cancellationToken);
            http.Audit = AuditNote.ForRegistryWrite(RegistryChange.Updated, updated.ETag);
            return TypedResults.Ok(new BrandView(updated.Value, AdminRequests.SetETag(http, updated.ETag)));
        }
        catch (RegistryValidationException e)
        {
            return AdminRequests.Invalid(e.Errors);
        }
        catch (ConcurrencyConflictException)
        {
            return AdminRequests.PreconditionFailed($"Brand '{brandId}'");
        }
    }
}
