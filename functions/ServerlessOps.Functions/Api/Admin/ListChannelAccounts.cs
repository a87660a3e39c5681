using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>GET /api/brands/{brandId}/accounts: the brand's channel accounts, secrets shown only by where they live.</summary>
public sealed class ListChannelAccounts(IBrandRegistry registry) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListChannelAccounts>(
        "api/brands/{brandId}/accounts", RouteAccess.Admin, "A brand's channel accounts (no secret values)", "Registry") with
    {
        Response = typeof(IReadOnlyList<ChannelAccountView>),
    };

    [Function(nameof(ListChannelAccounts))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/accounts")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var accounts = await registry.ListAccountsAsync(cancellationToken);
        return TypedResults.Ok(accounts
            .Where(a => string.Equals(a.Value.Account.BrandId, brandId, StringComparison.Ordinal))
            .Select(a => ChannelAccountView.From(a.Value, AdminRequests.Bare(a.ETag)))
            .ToList());
    }
}
