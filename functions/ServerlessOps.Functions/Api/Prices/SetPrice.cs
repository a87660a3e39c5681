using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Pricing;
using ServerlessOps.Functions.Audit;

namespace ServerlessOps.Functions.Api.Prices;

/// <summary>
/// POST /api/brands/{brandId}/catalog/{sku}/price with <c>{price, currency, channels: [...], override: {reason}}</c>: sets
/// the SKU's price on the chosen channels only, and only when it passes the pricing guardrail on each of them (the floor,
/// max(MAP, cost / (1 − margin floor)), and a contribution after that channel's fees not below zero).
/// <list type="bullet">
/// <item>a breach on any chosen channel without an override → 422 naming each channel, its floor, the price and the
/// breach; nothing is pushed;</item>
/// <item><c>override</c> without a reason → 400; with one, the override is recorded first (who, when, SKU, channels and
/// floors, price, reason: <c>GET /api/brands/{brandId}/price-overrides</c>) and the price is pushed;</item>
/// <item>pushed listings answer 200 with each listing's outcome and the channel's answer, a failed channel beside the
/// others' results; 502 with the same body when every listing failed.</item>
/// </list>
/// Optimistic concurrency: the SKU's prices (<c>GET</c> on the same path, <see cref="GetSkuPrices"/>) have a version, which
/// every answer past the guardrail carries as <c>ETag</c>. A set sending <c>If-Match</c> goes through only while that is
/// still the version; otherwise 412 naming the prices now (per listing, when and by whom) and nothing is pushed or
/// recorded. The version is taken in one conditional Cosmos DB write before any push, so of two sets decided on the same
/// version exactly one reaches the channels, whichever instances they run on. Without If-Match a set proceeds as ever
/// (not required: scripts written before versions keep working) and still moves the version.
/// </summary>
public sealed class SetPrice(PriceSetter setter) : IHttpFunction
{
    public const int MaxReasonLength = 500;

    private const string Template = "api/brands/{brandId}/catalog/{sku}/price";
    private const decimal MaxPrice = 1_000_000m;

    /// <summary>The 422 of a price that breaches the guardrail without an override.</summary>
    public static readonly ProblemType GuardrailBreach = new("price-guardrail-breach", "Price breaches the pricing guardrail", StatusCodes.Status422UnprocessableEntity);

    public static HttpRoute Route { get; } = HttpRoute.Post<SetPrice>(
        Template, RouteAccess.Operations,
        "Sets a SKU's price on chosen channels when it passes the pricing guardrail on each (an override with a reason pushes it anyway, recorded)", "Prices") with
    {
        Response = typeof(SetPriceView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status412PreconditionFailed, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity],
    };

    [Function(nameof(SetPrice))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var (body, problem) = await AdminRequests.ReadAsync<SetPriceRequest>(http, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = Validate(body, out var channels, out var reason);
        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        var brandId = http.RouteValue("brandId");
        var sku = ApiParameters.Sku(http);
        var by = http.Caller?.Name ?? throw new InvalidOperationException($"{Route.Name} runs only for a signed-in caller.");
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        IReadOnlyList<string>? versions = string.IsNullOrWhiteSpace(ifMatch) ? null : [.. ifMatch.Split(',').Select(AdminRequests.Bare).Where(t => t.Length > 0)];
        var result = await setter.SetAsync(new PriceSetCommand(brandId, sku, body.Price!.Value, body.Currency!.Trim(), channels, reason, by, versions), cancellationToken);
        switch (result.Status)
        {
            case PriceSetResult.NotFoundStatus:
                return Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no catalog SKU '{sku}'.");
            case PriceSetResult.InvalidStatus:
                return AdminRequests.Invalid(result.Errors);
            case PriceSetResult.RefusedStatus:
                var breaches = result.Checks.Where(c => c.IsBreach).ToList();
                return Problems.Result(
                    GuardrailBreach,
                    $"Nothing was pushed: {string.Join("; ", breaches.Select(Describe))}. Send a higher price, or an override with a reason to push it anyway (recorded).",
                    new Dictionary<string, object?> { ["breaches"] = breaches.Select(PriceCheckView.From).ToArray() });
            case PriceSetResult.StaleStatus:
                var current = SkuPricesView.From(result.Current!, AdminRequests.SetETag(http, result.ETag!));
                return Problems.Result(
                    Problems.PreconditionFailed,
                    $"{sku}'s prices changed since they were read (If-Match names {string.Join(", ", versions!.Select(v => $"\"{v}\""))}; the current version is \"{current.ETag}\"): nothing was pushed or recorded. {DescribeNow(current)} Read them again (GET {Template.Replace("{brandId}", brandId, StringComparison.Ordinal).Replace("{sku}", sku, StringComparison.Ordinal)}) and decide on what they are now.",
                    new Dictionary<string, object?> { ["current"] = current });
            default:
                var view = SetPriceView.From(brandId, sku, body.Price.Value, body.Currency.Trim(), result);

                // The reason stays in the override audit (free text); this entry says that there was one and points to it.
                http.Audit = new AuditNote(
                    $"{body.Price.Value.ToString("0.00", CultureInfo.InvariantCulture)} {body.Currency.Trim()} on {string.Join(", ", channels.Select(c => c.Slug()))}: {view.Pushed} pushed, {view.Failed} failed{(reason is null ? string.Empty : "; override with reason")}",
                    reason is null ? null : "price-overrides");
                AdminRequests.SetETag(http, result.ETag!);
                return view.Pushed == 0 && view.Failed > 0
                    ? TypedResults.Json(view, statusCode: StatusCodes.Status502BadGateway)
                    : TypedResults.Ok(view);
        }
    }

    private static string Describe(PriceSetChannelCheck check) =>
        $"on {check.Channel} the price {Money(check.Price)} is {string.Join(" and ", check.Breaches.Select(b => b == "below-floor" ? $"below the floor {Money(check.Floor)}" : $"a negative contribution ({Money(check.Contribution)} a unit after {Money(check.Fees)} fees)"))}";

    private static string DescribeNow(SkuPricesView now)
    {
        var listings = now.Listings.Count == 0
            ? "No listing price is recorded yet."
            : $"Now: {string.Join("; ", now.Listings.Select(l => $"{l.Channel} {l.ChannelSku} {Money(l.Price)} {l.Currency} since {l.At:O} ({l.Source})"))}.";
        return now.LastSet is { } set
            ? $"{listings} Last set: {Money(set.Price)} {set.Currency} on {string.Join(", ", set.Channels)} by {set.By} at {set.At:O}."
            : listings;
    }

    private static string Money(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture) ?? "none";

    private static List<FieldError> Validate(SetPriceRequest body, out List<SalesChannel> channels, out string? reason)
    {
        var errors = new List<FieldError>();
        channels = [];
        reason = null;
        // Cents at most (the guardrail's figures are in cents), and none where the currency has no minor unit: 1999.50 JPY
        // is no price a channel can show.
        var currency = body.Currency?.Trim().ToUpperInvariant() ?? string.Empty;
        var decimals = Math.Min(2, CurrencyCodes.MinorUnits(currency));
        if (body.Price is not { } price || price <= 0m || price > MaxPrice || price != decimal.Round(price, decimals))
        {
            var unit = decimals == 0 ? $"in whole {currency} ({currency} has no minor unit)" : "in cents (two decimals at most)";
            errors.Add(new FieldError("price", $"Required: the unit price, more than 0 and at most {MaxPrice:0}, {unit}; received {body.Price?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}."));
        }

        if (string.IsNullOrWhiteSpace(body.Currency) || body.Currency.Trim().Length != 3 || !body.Currency.Trim().All(char.IsAsciiLetter))
        {
            errors.Add(new FieldError("currency", $"Required: the ISO 4217 code of the catalog item's currency (e.g. USD); received '{body.Currency}'."));
        }

        if (body.Channels is not { Count: > 0 } names)
        {
            errors.Add(new FieldError("channels", "Required: at least one of shopify, amazon, walmart, tiktok."));
        }
        else
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (!SalesChannelNames.TryParseSlug(names[i]?.Trim(), out var channel))
                {
                    errors.Add(new FieldError($"channels[{i}]", $"Must be one of shopify, amazon, walmart, tiktok; received '{names[i]}'."));
                }
                else if (channels.Contains(channel))
                {
                    errors.Add(new FieldError($"channels[{i}]", $"{names[i]} is listed twice."));
                }
                else
                {
                    channels.Add(channel);
                }
            }
        }

        if (body.Override is { } overriding)
        {
            var text = overriding.Reason?.Trim();
            if (string.IsNullOrEmpty(text) || text.Length > MaxReasonLength || text.Any(char.IsControl))
            {
                errors.Add(new FieldError("override.reason", $"An override needs a reason: 1 to {MaxReasonLength} printable characters, recorded in the override audit."));
            }
            else
            {
                reason = text;
            }
        }

        return errors;
    }
}
