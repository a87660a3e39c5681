using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>
/// GET /api/brands/{brandId}/inventory/{sku}/available-to-sell: per channel listing of the SKU, the quantity it should
/// show now (computed as a push would: available at its location − buffer, within the channel's allocation), the buffer
/// with its inputs and the reason in words, and what the channel was last given and when (from the push state).
/// </summary>
public sealed class GetAvailableToSell(
    CatalogStore catalog, IInventoryLedgerStore ledger, InventoryPushStore pushes, ListingQuantityCalculator calculator) : IHttpFunction
{
    public static HttpRoute Route { get; } = HttpRoute.Get<GetAvailableToSell>(
        "api/brands/{brandId}/inventory/{sku}/available-to-sell", RouteAccess.Operations,
        "A SKU's available-to-sell per channel listing: quantity, buffer and why, last pushed value and time", "Inventory pushes") with
    {
        Response = typeof(AvailableToSellView),
        ProblemStatuses = [StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetAvailableToSell))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/brands/{brandId}/inventory/{sku}/available-to-sell")] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var brandId = http.RouteValue("brandId");
        var sku = ApiParameters.Sku(http);
        var item = await catalog.GetItemAsync(brandId, sku, cancellationToken);
        if (item is null)
        {
            return Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no catalog item '{sku}': import it (POST /api/brands/{brandId}/imports/catalog) before its listings can be computed.");
        }

        var states = (await pushes.ListListingsAsync(brandId, sku, cancellationToken)).ToDictionary(s => (s.Channel, s.ChannelSku));
        var positions = new Dictionary<string, (StockPosition Position, IReadOnlyList<StockLedgerEntry> Entries)>(StringComparer.Ordinal);
        var listings = new List<ListingAvailabilityView>();
        foreach (var listing in item.Listings)
        {
            states.TryGetValue((listing.Channel, listing.ChannelSku), out var state);
            var account = calculator.AccountFor(brandId, listing.Channel)?.AccountId;
            ListingQuantity? quantity = null;
            if (!listing.ChannelFulfilled)
            {
                if (!positions.TryGetValue(listing.StockLocation, out var read))
                {
                    var position = await ledger.GetPositionAsync(brandId, sku, listing.StockLocation, cancellationToken);
                    read = (position, await calculator.EntriesFor(ledger, position, cancellationToken));
                    positions[listing.StockLocation] = read;
                }

                quantity = calculator.Compute(brandId, listing, read.Position, read.Entries, state);
            }

            listings.Add(ListingAvailabilityView.From(listing, account, quantity, state));
        }

        return TypedResults.Ok(new AvailableToSellView(brandId, sku, listings));
    }
}
