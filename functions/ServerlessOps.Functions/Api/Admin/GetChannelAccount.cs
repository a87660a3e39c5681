using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>GET /api/brands/{brandId}/accounts/{channel}/{accountId}: one channel account with its ETag (no secret values).</summary>
public sealed class GetChannelAccount(IBrandRegistry registry) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetChannelAccount>(
        "api/brands/{brandId}/accounts/{channel}/{accountId}", RouteAccess.Admin,
        "One channel account: status, webhook settings, where each secret lives (never its value)", "Registry") with
    {
        Response = typeof(ChannelAccountView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetChannelAccount))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/accounts/{channel}/{accountId}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!AdminAccounts.TryParse(http, out var account, out var problem))
        {
            return problem!;
        }

        var (current, missing) = await AdminAccounts.LoadAsync(registry, account, cancellationToken);
        return current is null
            ? missing!
            : TypedResults.Ok(ChannelAccountView.From(current.Value, AdminRequests.SetETag(http, current.ETag)));
    }
}
