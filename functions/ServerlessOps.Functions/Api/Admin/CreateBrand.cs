using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Functions.Audit;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>POST /api/brands: adds a brand to the registry (201, or 409 when the id is taken). The caller's scope must include the new id.</summary>
public sealed class CreateBrand(IBrandRegistry registry, RegistryLoader loader, TimeProvider time) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Post<CreateBrand>(
        "api/brands", RouteAccess.Admin, "Adds a brand: id, display name, currency, time zone, go-live, owners, policy", "Registry") with
    {
        Response = typeof(BrandView),
        SuccessStatus = StatusCodes.Status201Created,
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict],
    };

    [Function(nameof(CreateBrand))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/brands")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var (body, problem) = await AdminRequests.ReadAsync<BrandRequest>(http, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var caller = http.Caller!;
        var id = body.Id ?? string.Empty;
        if (BrandIds.IsValid(id) && !caller.MaySee(id))
        {
            return Problems.Result(Problems.ForbiddenBrand, $"Brand '{id}' is outside the brands {caller.Name} may see, so {caller.Name} cannot create it.");
        }

        try
        {
            var created = await registry.CreateBrandAsync(body.ToBrand(id, null, time.GetUtcNow()), new RegistryChange(caller.Name, RegistryChange.Created), cancellationToken);
            await loader.TryReloadAsync("brand created", cancellationToken);
            http.Audit = new AuditNote("created", "registry", BrandId: id);
            return TypedResults.Created($"/api/brands/{id}", new BrandView(created.Value, AdminRequests.SetETag(http, created.ETag)));
        }
        catch (RegistryValidationException e)
        {
            return AdminRequests.Invalid(e.Errors);
        }
        catch (ConcurrencyConflictException)
        {
            return Problems.Result(Problems.Conflict, $"Brand '{id}' exists already; change it with PUT /api/brands/{id}.");
        }
    }
}
