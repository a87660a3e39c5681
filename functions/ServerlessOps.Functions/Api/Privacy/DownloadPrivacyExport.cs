using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Privacy;

namespace ServerlessOps.Functions.Api.Privacy;

/// <summary>
/// GET /api/brands/{brandId}/privacy-requests/{requestId}/export: a completed data request's export of the buyer's
/// personal data, for the brand's data owner to hand to the merchant. Personal data: never cached on the way.
/// </summary>
public sealed class DownloadPrivacyExport(IPrivacyRequestStore requests, PrivacyExportStore exports) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<DownloadPrivacyExport>(
        "api/brands/{brandId}/privacy-requests/{requestId}/export", RouteAccess.Operations,
        "A completed data request's export of the buyer's personal data (JSON attachment)", "Privacy") with
    {
        ProblemStatuses = [StatusCodes.Status404NotFound, StatusCodes.Status409Conflict],
    };

    [Function(nameof(DownloadPrivacyExport))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/privacy-requests/{requestId}/export")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var requestId = http.RouteValue("requestId");
        var found = await requests.GetAsync(brandId, requestId, cancellationToken);
        if (found is null)
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no privacy request '{requestId}'.");
        }

        var request = found.Value;
        if (request.Kind != PrivacyRequestKind.CustomerDataRequest)
        {
            return Problems.Result(Problems.NotFound, $"Privacy request '{requestId}' is a {PrivacyRequestIds.Slug(request.Kind)}, which has no export.");
        }

        if (request.State != PrivacyRequestState.Completed || request.ExportBlobName is null)
        {
            return Problems.Result(Problems.Conflict, $"Privacy request '{requestId}' is not completed yet; its export is written when it is (due by {request.DueBy:O}).");
        }

        var bytes = await exports.ReadAsync(request.ExportBlobName, cancellationToken);
        if (bytes is null)
        {
            return Problems.Result(Problems.NotFound, $"The export of privacy request '{requestId}' ({request.ExportBlobName}) no longer exists.");
        }

        http.Context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(bytes, "application/json", $"{requestId}.json");
    }
}
