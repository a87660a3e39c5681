using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.Audit;

namespace ServerlessOps.Functions.Api.Stock;

/// <summary>
/// POST /api/brands/{brandId}/inventory/{sku}/adjustments: a receipt, count or adjustment at one location through the
/// same ledger the orders reserve against. The caller's <c>Idempotency-Key</c> header (required) is the movement's cause
/// (<c>api:{key}</c>), so a retried request applies once and answers <c>AlreadyApplied</c> with the balance as it stands;
/// the same key with another location or quantity is refused (422). The caller's name is recorded as the entry's actor.
/// </summary>
public sealed class AdjustStock(IInventoryLedgerStore ledger) : IHttpFunction
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
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity],
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

        var errors = Validate(body, out var kind);
        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        var movement = new StockMovement(http.RouteValue("brandId"), StockParameters.Sku(http), body.Location!.Trim(), kind, body.Quantity!.Value, $"api:{key.Trim()}", body.Reason!.Trim())
        {
            Actor = http.Caller?.Name,
        };
        try
        {
            var result = await ledger.ApplyAsync(movement, cancellationToken);
            http.Audit = new AuditNote($"{kind} of {movement.Quantity} at '{movement.Location}'", $"inventoryLedger:{movement.EntryId}", FactKey: movement.EntryId);
            return TypedResults.Ok(new StockAdjustmentView(result.Outcome.ToString(), movement.EntryId, StockBalanceView.From(result.Balance)));
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

    private static List<FieldError> Validate(StockAdjustmentRequest body, out StockMovementKind kind)
    {
        var errors = new List<FieldError>();
        kind = default;
        if (string.IsNullOrWhiteSpace(body.Kind) || !_kinds.TryGetValue(body.Kind.Trim(), out kind))
        {
            errors.Add(new FieldError("kind", $"Must be receipt, count or adjustment; received '{body.Kind}'."));
        }

        if (string.IsNullOrWhiteSpace(body.Location) || body.Location.Length > MaxTextLength)
        {
            errors.Add(new FieldError("location", $"Required: the location the units are at (1 to {MaxTextLength} characters)."));
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
