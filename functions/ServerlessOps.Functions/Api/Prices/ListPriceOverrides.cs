using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Pricing;

namespace ServerlessOps.Functions.Api.Prices;

/// <summary>
/// GET /api/brands/{brandId}/price-overrides (?sku= for one SKU)[&amp;limit=&amp;after=]: the audit of prices pushed below the
/// guardrail with an override, newest first, in pages (<see cref="ListPaging"/>; the audit keeps every override ever
/// pushed): who, when, SKU, channels with their floors and breaches, price and reason.
/// </summary>
public sealed class ListPriceOverrides(PriceOverrideStore store) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/price-overrides";

    public static HttpRoute Route { get; } = HttpRoute.Get<ListPriceOverrides>(
        Template, RouteAccess.Operations, "Prices pushed below the pricing guardrail with an override: who, when, SKU, channels, floors, price and reason", "Prices") with
    {
        Response = typeof(PriceOverridesView),
        Query = [new QueryParameter("sku", "only this catalog SKU's overrides", Required: false)],
        Paging = new ListPaging("price-overrides"),
    };

    [Function(nameof(ListPriceOverrides))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var sku = http.QueryValue("sku");
        if (!PageParameters.TryRead(http, out var page, out var problem))
        {
            return problem!;
        }

        var listed = await store.ListAsync(brandId, string.IsNullOrWhiteSpace(sku) ? null : sku.Trim(), page, cancellationToken);
        return PageParameters.OkWrapped(http, new PriceOverridesView(brandId, [.. listed.Items.Select(PriceOverrideView.From)]), listed.Next);
    }
}
