using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Inventory;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>One order line's reservation as the ledger applied it.</summary>
internal sealed record LineReservation(string Sku, DateTimeOffset AppliedAt);

/// <summary>
/// Reads the applied <c>Reserve</c> entries straight from the ledger container, one single-partition query per SKU
/// (partition brand + SKU), by order id from their cause <c>order:{orderId}:{lineId}:reserve:...</c>. The route
/// <c>GET .../inventory/{sku}/ledger</c> lists at most 1,000 entries, fewer than one SKU gets at 200 orders/s × 20 s;
/// reading the container after the load keeps the measuring out of the measured app.
/// </summary>
internal sealed class Reservations(Container ledger, string brandId)
{
    private const string Prefix = "Reserve|order:";

    /// <summary>Order id → its lines' reservations.</summary>
    public async Task<IReadOnlyDictionary<string, List<LineReservation>>> ReadAsync(CancellationToken cancellationToken)
    {
        var byOrder = new Dictionary<string, List<LineReservation>>(StringComparer.Ordinal);
        foreach (var product in ScenarioProduct.Catalog)
        {
            // As the app's SinglePartitionQuery: the local server wants the partition in the text too, and answers no query plan.
            var pk = StockBalanceDocument.PartitionKeyFor(brandId, product.Sku);
            var query = new QueryDefinition("SELECT c.entryId, c.appliedAt FROM c WHERE c.pk = @pk AND c.type = 'stockEntry'").WithParameter("@pk", pk);
            var options = new QueryRequestOptions { PartitionKey = new PartitionKey(pk), EnableOptimisticDirectExecution = true, MaxItemCount = 1000 };
            using var iterator = ledger.GetItemQueryIterator<JsonElement>(query, requestOptions: options);
            while (iterator.HasMoreResults)
            {
                foreach (var row in await iterator.ReadNextAsync(cancellationToken))
                {
                    var entryId = row.GetProperty("entryId").GetString() ?? string.Empty;
                    if (!entryId.StartsWith(Prefix, StringComparison.Ordinal)
                        || !row.TryGetProperty("appliedAt", out var applied) || applied.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    // The order id is "{channel slug}:{external id}": the two segments after "order:".
                    var parts = entryId[Prefix.Length..].Split(':');
                    var orderId = parts[0] + ":" + parts[1];
                    if (!byOrder.TryGetValue(orderId, out var lines))
                    {
                        byOrder[orderId] = lines = [];
                    }

                    lines.Add(new LineReservation(product.Sku, DateTimeOffset.Parse(applied.GetString()!, CultureInfo.InvariantCulture)));
                }
            }
        }

        return byOrder;
    }

    public static Reservations For(OrderFlowStack stack, CosmosClient client) =>
        new(new CosmosContainers(client, stack.DatabaseName).InventoryLedger, ScenarioAccounts.Default.BrandId);
}
