using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Reports;
using ServerlessOps.Functions.Audit;

namespace ServerlessOps.Functions.Api.Reports;

/// <summary>
/// POST /api/brands/{brandId}/reports/{kind}/{period}/{version}/links with <c>{"file": "review.xlsx", "lifetimeSeconds": 300}</c>:
/// a short-lived read-only link to one file of one report (a user-delegation SAS in Azure, a service SAS on Azurite),
/// by default for <c>Reports:LinkLifetime</c> (15 min), at most <c>Reports:MaxLinkLifetime</c> (1 h). Only a caller that
/// holds the finance role itself for the brand gets one (an admin without it does not: the link hands out money data
/// outside the app's access checks). The link is recorded before it is answered (GET .../reports/links); never cached.
/// </summary>
public sealed class CreateReportLink(ReportArchive archive, ReportLinks links) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/reports/{kind}/{period}/{version}/links";

    public static HttpRoute Route { get; } = HttpRoute.Post<CreateReportLink>(
        Template, RouteAccess.Finance, "A short-lived read-only download link to one file of a report; recorded in the brand's link audit", "Reports") with
    {
        Response = typeof(ReportLinkView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType],
    };

    [Function(nameof(CreateReportLink))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var caller = http.Caller!;
        if (!caller.Roles.Contains(AccessRole.Finance))
        {
            return Problems.Result(Problems.ForbiddenRole, $"{Route.Name} needs the finance role itself; {caller.Name} holds {string.Join(", ", caller.Roles.Select(r => r.ToString().ToLowerInvariant()))}.");
        }

        if (!ReportRequests.TryParseKind(http.RouteValue("kind"), out var kind, out var problem))
        {
            return problem!;
        }

        var (body, bodyProblem) = await AdminRequests.ReadAsync<ReportLinkRequest>(http, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var errors = new List<FieldError>();
        if (!ReportNames.IsFileName(body.File))
        {
            errors.Add(new FieldError("file", $"names one file of the report, such as {MonthlyReportFiles.ReviewXlsx}; received '{body.File}'."));
        }

        var max = (int)links.MaxLifetime.TotalSeconds;
        if (body.LifetimeSeconds is { } seconds && (seconds < 1 || seconds > max))
        {
            errors.Add(new FieldError("lifetimeSeconds", $"must be 1 to {max.ToString(CultureInfo.InvariantCulture)} (Reports:MaxLinkLifetime); received {seconds.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        var brandId = http.RouteValue("brandId");
        var period = http.RouteValue("period");
        var version = http.RouteValue("version");
        var entry = await archive.GetVersionAsync(brandId, kind, period, version, cancellationToken);
        if (entry is null)
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no {kind.ToString().ToLowerInvariant()} report {period} version '{version}'.");
        }

        var lifetime = body.LifetimeSeconds is { } life ? TimeSpan.FromSeconds(life) : (TimeSpan?)null;
        var link = await links.IssueAsync(entry, body.File!, lifetime, caller.Name, cancellationToken);
        if (link is null)
        {
            return Problems.Result(Problems.NotFound, $"Report {period} version '{version}' has no file '{body.File}'; it has {string.Join(", ", entry.Files.Select(f => f.Name))}.");
        }

        http.Context.Response.Headers.CacheControl = "no-store";

        // The link itself is a bearer credential until it expires: the audit names the file and the link record, never the URL.
        http.Audit = new AuditNote($"{body.File} until {link.ExpiresAt:O}", $"reports:{link.Record.Id}", FactKey: link.Record.Id);
        return TypedResults.Ok(ReportLinkView.From(link));
    }
}
