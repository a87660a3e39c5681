using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Settlements;

/// <summary>
/// GET /api/brands/{brandId}/settlements/payouts[?mismatches=true][&amp;limit=&amp;after=]: the brand's reconciled payouts,
/// latest first, in pages (<see cref="ListPaging"/>: a brand gets one per account per payout day and keeps them), each with
/// what was paid, what its rows add up to, the difference and the rows (transaction ids) it came from. A payout holding
/// events the import does not read is listed with <c>isReconcilable</c> false and <c>cannotBeChecked</c> saying which
/// lists, and is never among the mismatches.
/// </summary>
public sealed class ListPayouts(ISettlementStore store) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<ListPayouts>(
        "api/brands/{brandId}/settlements/payouts", RouteAccess.OperationsOrFinance,
        "The brand's payouts reconciled against their settlement rows (?mismatches=true for mismatches only)", "Settlements") with
    {
        Response = typeof(IReadOnlyList<PayoutReconciliation>),
        Query = [new QueryParameter("mismatches", "true: only payouts that differ from their rows by more than a cent", Required: false)],
        Paging = new ListPaging("payouts"),
    };

    [Function(nameof(ListPayouts))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/settlements/payouts")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!PageParameters.TryRead(http, out var page, out var problem))
        {
            return problem!;
        }

        var mismatchesOnly = string.Equals(http.QueryValue("mismatches"), "true", StringComparison.OrdinalIgnoreCase);
        var listed = await store.ListReconciliationsAsync(http.RouteValue("brandId"), mismatchesOnly, page, cancellationToken);
        return PageParameters.Ok(http, listed.Items, listed.Next);
    }
}
