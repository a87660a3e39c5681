using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Inventory;

namespace ServerlessOps.Functions.Api.Stock;

/// <summary>
/// POST /api/brands/{brandId}/inventory/{sku}/adjustments: a receipt, count or adjustment at one location through the
/// same ledger the orders reserve against, checked as the stock-count import checks a row (the SKU in the brand's
/// catalog, a location the catalog could name). The caller's <c>Idempotency-Key</c> header (required) is the movement's
/// cause (<c>api:{key}</c>; a count that gives its <c>countedAt</c> is keyed by the count, <c>count:{countedAt}:{location}</c>,
/// as the stock-count import keys it, so the same count sent both ways applies once) and is bound to the first request sent with it (<see cref="StockAdjustmentKeys"/>), so a
/// retried request applies once and answers <c>AlreadyApplied</c> with the balance as it stands, and the same key with
/// anything else (another SKU, kind, location, quantity or reason) is refused (422). The caller's name is recorded as the
/// entry's actor.
/// </summary>
public sealed class AdjustStock(IInventoryLedgerStore ledger, CatalogStore catalog, StockAdjustmentKeys keys, TimeProvider time) : IHttpFunction
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Longest idempotency key accepted (a UUID is 36).</summary>
    public const int MaxKeyLength = 100;

    private const int MaxTextLength = 500;
    private const int MaxQuantity = 10_000_000;

    private static readonly Dictionary<string, StockMovementKind> _kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["receipt"] = StockMovementKind.Receipt,
        ["count"] = StockMovementKind.Count,
        ["adjustment"] = StockMovementKind.Adjustment,
    };

    public static HttpRoute Route { get; } = HttpRoute.Post<AdjustStock>(
        "api/brands/{brandId}/inventory/{sku}/adjustments", RouteAccess.Operations,
        "Records a receipt, count or adjustment of a SKU at one location in the ledger; Idempotency-Key header required (a repeat applies once)", "Inventory ledger") with
    {
        Response = typeof(StockAdjustmentView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity],
    };

    [Function(nameof(AdjustStock))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/brands/{brandId}/inventory/{sku}/adjustments")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            return Problems.Result(Problems.InvalidParameter,
                $"Header '{IdempotencyKeyHeader}' is required: a key of 1 to {MaxKeyLength} printable characters, the same on every retry of this adjustment (a UUID will do); received '{(key.Length > MaxKeyLength ? key[..MaxKeyLength] + "…" : key)}'.");
        }

        var (body, problem) = await AdminRequests.ReadAsync<StockAdjustmentRequest>(http, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = Validate(body, time.GetUtcNow(), out var kind);
        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        var brandId = http.RouteValue("brandId");
        var sku = ApiParameters.Sku(http);
        if (await catalog.GetItemAsync(brandId, sku, cancellationToken) is null)
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no catalog SKU '{sku}': import it (POST /api/brands/{brandId}/imports/catalog) before its stock can be adjusted.");
        }

        // A count that says when it was taken is keyed by the count itself, as a file's row is: the same count sent here
        // and in a file is one movement.
        var location = body.Location!.Trim();
        var cause = body.CountedAt is { } countedAt ? StockCount.CauseFor(countedAt, location) : $"api:{key.Trim()}";
        var movement = new StockMovement(brandId, sku, location, kind, body.Quantity!.Value, cause, body.Reason!.Trim())
        {
            Actor = http.Caller?.Name,
            CountedAt = body.CountedAt,
        };
        try
        {
            // The ledger keys an entry by kind and cause: without the binding, the same key sent as a count after a
            // receipt (or for another SKU) would be a second movement.
            var bound = await keys.BindAsync(key.Trim(), movement, cancellationToken);
            if (!StockAdjustmentKeys.SameRequest(bound, movement))
            {
                return Problems.Result(Problems.IdempotencyKeyReused,
                    $"{IdempotencyKeyHeader} '{key}' was already used for a {bound.Kind} of {bound.Quantity} of '{bound.Sku}' at '{bound.Location}' ({bound.Reason}); this request asks for a {movement.Kind} of {movement.Quantity} of '{movement.Sku}' at '{movement.Location}' ({movement.Reason}) and was not applied. Send a new key for a new adjustment.");
            }

            var result = await ledger.ApplyAsync(movement, cancellationToken);
            http.Audit = new AuditNote($"{kind} of {movement.Quantity} at '{movement.Location}'", $"inventoryLedger:{movement.EntryId}", FactKey: movement.EntryId);
            return TypedResults.Ok(new StockAdjustmentView(result.Outcome.ToString(), movement.EntryId, StockBalanceView.From(result.Balance)));
        }
        catch (StockMovementConflictException e) when (movement.CountedAt is { } takenAt)
        {
            return Problems.Result(Problems.Conflict,
                $"A count of '{movement.Sku}' at '{movement.Location}' taken at {takenAt:O} is already recorded as {e.Recorded?.Quantity} unit(s); this request says {movement.Quantity} and was not applied. A recount needs its own countedAt.");
        }
        catch (StockMovementConflictException e)
        {
            return Problems.Result(Problems.IdempotencyKeyReused,
                $"{IdempotencyKeyHeader} '{key}' was already used for a {kind} of {e.Recorded?.Quantity} at '{e.Recorded?.Location}'; this request asks for {movement.Quantity} at '{movement.Location}' and was not applied. Send a new key for a new adjustment.");
        }
        catch (ConcurrencyConflictException)
        {
            http.Context.Response.Headers.RetryAfter = "1";
            return Problems.Result(Problems.Conflict,
                $"The balance of '{movement.Sku}' at '{movement.Location}' kept changing under this adjustment (many movements at once); nothing is lost: retry with the same {IdempotencyKeyHeader} and it applies once.");
        }
    }

    private static List<FieldError> Validate(StockAdjustmentRequest body, DateTimeOffset now, out StockMovementKind kind)
    {
        var errors = new List<FieldError>();
        kind = default;
        if (string.IsNullOrWhiteSpace(body.Kind) || !_kinds.TryGetValue(body.Kind.Trim(), out kind))
        {
            errors.Add(new FieldError("kind", $"Must be receipt, count or adjustment; received '{body.Kind}'."));
        }

        // As a stock-count file's location: part of ledger keys, and a location the catalog could name for a listing.
        if (CatalogText.Check(body.Location?.Trim(), StockLocations.MaxLength) is { } location)
        {
            errors.Add(new FieldError("location", $"Required: the location the units are at (1 to {StockLocations.MaxLength} characters, no control characters); {location}."));
        }

        if (body.CountedAt is { } countedAt && errors.All(e => e.Field != "kind"))
        {
            if (kind != StockMovementKind.Count)
            {
                errors.Add(new FieldError("countedAt", $"Only a count says when it was taken; a {kind} has no countedAt."));
            }
            else if (countedAt > now + StockCountRows.FutureTolerance)
            {
                errors.Add(new FieldError("countedAt", $"countedAt is in the future ({countedAt:O}); a count records what was found."));
            }
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MaxTextLength)
        {
            errors.Add(new FieldError("reason", $"Required: why, for people reading the ledger (1 to {MaxTextLength} characters)."));
        }

        if (body.Quantity is not { } quantity || Math.Abs((long)quantity) > MaxQuantity)
        {
            errors.Add(new FieldError("quantity", $"Required: a whole number of units, at most {MaxQuantity:N0} either way."));
        }
        else if (errors.All(e => e.Field != "kind"))
        {
            var expected = kind switch
            {
                StockMovementKind.Count when quantity < 0 => "A count is the units counted: zero or more",
                StockMovementKind.Adjustment when quantity == 0 => "An adjustment adds (or with a minus sign takes away) units: not zero",
                StockMovementKind.Receipt when quantity <= 0 => "A receipt is the units that arrived: more than zero (take units away with an adjustment)",
                _ => null,
            };
            if (expected is not null)
            {
                errors.Add(new FieldError("quantity", $"{expected}; received {quantity}."));
            }
        }

        return errors;
    }
}
