using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api;

/// <summary>
/// GET /api/brands/{brandId}/inventory?sku=|item=[&amp;channel=][&amp;history=true]: an item's inventory levels as the
/// channels last reported them, one per channel account and location (the newest observation each), over the inventory
/// events store (one partition per brand and item, so a single-partition query). Shopify reports its inventory item id,
/// not a SKU: ask for <c>item</c> there.
/// </summary>
public sealed class GetInventory(IInventoryEventStore inventory) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetInventory>(
        "api/brands/{brandId}/inventory", RouteAccess.Operations,
        "An item's inventory levels, the newest per channel account and location (?sku= or ?item=, &channel=, &history=true)", "Inventory") with
    {
        Response = typeof(InventoryView),
        ProblemStatuses = [StatusCodes.Status400BadRequest],
        Query =
        [
            new QueryParameter("sku", "Seller SKU; give it or item"),
            new QueryParameter("item", "The channel's item id where it reports no SKU (Shopify inventory_item_id); give it or sku"),
            new QueryParameter("channel", "shopify, amazon, walmart or tiktok; all when absent"),
            new QueryParameter("history", "true to add every observation, newest first"),
        ],
    };

    [Function(nameof(GetInventory))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/inventory")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var sku = http.QueryValue("sku");
        var item = http.QueryValue("item");
        if (string.IsNullOrWhiteSpace(sku) == string.IsNullOrWhiteSpace(item))
        {
            return Problems.Result(Problems.InvalidParameter,
                $"Give exactly one of the query parameters 'sku' (a seller SKU) and 'item' (a channel's item id); received sku '{sku}' and item '{item}'.");
        }

        if (!ApiParameters.TryParseChannel(http.QueryValue("channel"), out var channel, out var problem))
        {
            return problem!;
        }

        var history = http.QueryValue("history");
        if (history is not (null or "" or "true" or "false"))
        {
            return Problems.Result(Problems.InvalidParameter, $"Query parameter 'history' must be true or false; received '{history}'.");
        }

        var brandId = http.RouteValue("brandId");
        var itemKey = ItemKey.For(sku, item);
        var events = (await inventory.ListAsync(brandId, itemKey, cancellationToken))
            .Where(e => channel is null || e.Channel == channel)
            .ToList();
        return TypedResults.Ok(InventoryView.From(brandId, itemKey, events, includeHistory: history == "true"));
    }
}
