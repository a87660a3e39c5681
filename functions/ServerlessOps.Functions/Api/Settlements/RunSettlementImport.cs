using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Settlements;

namespace ServerlessOps.Functions.Api.Settlements;

/// <summary>
/// POST /api/brands/{brandId}/settlements/import: imports the brand's settlement data now, as the daily timer would, and
/// answers per account what was imported, which orders' fees were written, which orders are still pending and each
/// payout's reconciliation (a failed account says why and wrote nothing; one whose order kept changing names it, and its
/// rows wait for the next run). Safe beside the timer: rows are created once per
/// transaction id and order writes are ETag-guarded.
/// </summary>
public sealed class RunSettlementImport(SettlementImport import) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Post<RunSettlementImport>(
        "api/brands/{brandId}/settlements/import", RouteAccess.OperationsOrFinance,
        "Imports the brand's channel settlements now: fees to orders, payouts reconciled", "Settlements") with
    {
        Response = typeof(SettlementRunReport),
    };

    [Function(nameof(RunSettlementImport))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/brands/{brandId}/settlements/import")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await import.RunAsync(http.RouteValue("brandId"), cancellationToken));
}
