using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// GET /api/brands/{brandId}/connections: each channel account of the brand with where its tokens stand (grant, expiry,
/// refreshes since connected, revocation). One point read per account; never a token.
/// </summary>
public sealed class ListConnections(BrandDirectoryCache registry, IChannelTokenStore tokens) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/connections";

    public static HttpRoute Route { get; } = HttpRoute.Get<ListConnections>(
        Template, RouteAccess.Admin, "A brand's channel connections: token grant, expiry, refresh count, revocation (no token values)", "Connections") with
    {
        Response = typeof(IReadOnlyList<ConnectionView>),
    };

    [Function(nameof(ListConnections))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var views = new List<ConnectionView>();
        foreach (var account in registry.Snapshot.Accounts
            .Where(a => string.Equals(a.Connection.Account.BrandId, brandId, StringComparison.Ordinal))
            .OrderBy(a => a.Connection.Account.Channel).ThenBy(a => a.Connection.Account.AccountId, StringComparer.Ordinal))
        {
            var stored = await tokens.ReadAsync(account.Connection.Account.Channel, account.Connection.Account.AccountId, cancellationToken);
            views.Add(ConnectionView.From(account.Connection.Account, account.Connection.Status, stored?.Value));
        }

        return TypedResults.Ok(views);
    }
}
