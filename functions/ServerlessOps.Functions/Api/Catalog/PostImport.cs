using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.Webhooks;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Review.Import;
using ServerlessOps.Functions.Audit;

namespace ServerlessOps.Functions.Api.Catalog;

/// <summary>
/// POST /api/brands/{brandId}/imports/{kind} with kind catalog, costs, fees or stock-counts, or the monthly review's history
/// (orders, ad-spend, stock-snapshots, targets, exchange-rates; Infrastructure/Review/Import/README.md), and the file as the body
/// (<c>text/csv</c> or <c>application/x-ndjson</c>): validated whole, then written. 201 with the import record when this
/// post wrote it; 200 with the first import's record when the same file (same kind and SHA-256) was imported before; 422
/// listing each error with its line and column when any row is wrong (nothing written); 413 past
/// <c>Catalog:MaxImportBytes</c> (history kinds: <c>ReviewImport:MaxImportBytes</c>, 100 MiB by default). Role operations (admin too) for every kind: fee schedules change what the pricing
/// guardrail lets through, an operational decision; finance reads money, it does not change the rules.
/// </summary>
public sealed class PostImport(CatalogImporter importer, IOptions<CatalogOptions> options, IOptions<ReviewImportOptions> historyOptions) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Post<PostImport>(
        "api/brands/{brandId}/imports/{kind}", RouteAccess.Operations,
        "Imports a catalog, costs, fees, stock-counts, orders, ad-spend, stock-snapshots, targets or exchange-rates file (text/csv or application/x-ndjson): validated whole, idempotent per file", "Catalog") with
    {
        Response = typeof(ImportView),
        SuccessStatus = StatusCodes.Status201Created,
        ProblemStatuses =
        [
            StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
            StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity,
        ],
    };

    [Function(nameof(PostImport))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/brands/{brandId}/imports/{kind}")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var brandId = http.RouteValue("brandId");
        var slug = http.RouteValue("kind");
        if (!ImportKinds.TryParseSlug(slug, out var kind))
        {
            return Problems.Result(Problems.NotFound, $"There is no import of kind '{slug}'; the kinds are {ImportKinds.All}.");
        }

        if (!ImportMediaTypes.TryParse(http.Request.ContentType, out var format))
        {
            return Problems.Result(Problems.UnsupportedMediaType,
                $"Send the file as '{ImportMediaTypes.Csv}' or '{ImportMediaTypes.JsonLines}' (JSON Lines); received '{http.Request.ContentType}'.");
        }

        var (limit, setting) = kind.IsReviewHistory()
            ? (historyOptions.Value.MaxImportBytes, "ReviewImport:MaxImportBytes")
            : (options.Value.MaxImportBytes, "Catalog:MaxImportBytes");
        // Kestrel refuses bodies past 30 MB by default, under the history limit; the endpoint's own limit decides instead,
        // with room to read an oversized file's rest so that the 413 reaches the client (WebhookBodyReader.DrainFactor).
        if (http.Request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = (long)limit * WebhookBodyReader.DrainFactor;
        }

        var body = await WebhookBodyReader.ReadAsync(http.Request, limit, cancellationToken);
        if (body is null)
        {
            return Problems.Result(Problems.BodyTooLarge, $"{kind.Slug()} files are limited to {limit} bytes ({setting}); split this one (by month, for history).");
        }

        var importedBy = http.Caller?.Name ?? "unknown";
        ImportOutcome outcome;
        try
        {
            outcome = await importer.ImportAsync(new ImportRequest(brandId, kind, format, body, importedBy), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Other writers kept changing a cost, fee or stock document this file writes: the import stays Applying, and
            // every write already done is keyed, so the same file posted again completes it without doubling anything.
            return Problems.Result(Problems.Conflict,
                $"The {kind.Slug()} file was validated but other writers kept changing what it writes; part of it is applied. Post the same file again to complete it (nothing is applied twice).");
        }

        // One import per file (its id is the kind and the body's hash): posting the same bytes again logs nothing new.
        var record = outcome switch { ImportOutcome.Applied a => a.Record, ImportOutcome.AlreadyApplied r => r.Record, _ => null };
        if (record is not null)
        {
            http.Audit = new AuditNote($"{kind.Slug()} file of {record.Rows} rows, {record.Bytes} bytes", $"catalog:import:{record.ImportId}", FactKey: record.ImportId);
        }

        return outcome switch
        {
            ImportOutcome.Applied applied => TypedResults.Created($"/api/brands/{brandId}/imports/{Uri.EscapeDataString(applied.Record.ImportId)}", ImportView.From(applied.Record)),
            ImportOutcome.AlreadyApplied repeated => TypedResults.Ok(ImportView.From(repeated.Record)),
            ImportOutcome.Rejected rejected => Rejected(kind, format, rejected),
            _ => throw new InvalidOperationException($"Unknown import outcome {outcome.GetType().Name}."),
        };
    }

    private static IResult Rejected(ImportKind kind, ImportFormat format, ImportOutcome.Rejected rejected)
    {
        var first = rejected.Errors[0];
        var where = first.Column is null ? $"line {first.Line}" : $"line {first.Line}, {first.Column}";
        var detail = $"The {kind.Slug()} file ({ImportMediaTypes.Of(format)}) has {rejected.ErrorCount} error(s); nothing was imported. First: {where}: {first.Message}"
            + (rejected.ErrorCount > rejected.Errors.Count ? $" The first {rejected.Errors.Count} are listed." : string.Empty);
        return Problems.Result(Problems.ImportInvalid, detail, new Dictionary<string, object?>
        {
            ["errors"] = rejected.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }).ToList(),
            ["errorCount"] = rejected.ErrorCount,
            ["truncated"] = rejected.ErrorCount > rejected.Errors.Count,
            ["rows"] = rejected.Rows,
        });
    }
}
