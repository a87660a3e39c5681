using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Azure.Cosmos;
using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Inventory;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Benchmarks.Drills.Faults;

/// <summary>What the truth holds for the acknowledged orders after a drill, read from the stores themselves.</summary>
/// <param name="Stored">Acknowledged orders the order truth holds.</param>
/// <param name="Reserved">Acknowledged orders with an applied reservation.</param>
/// <param name="ReservedTwice">Order lines with more than one applied reservation.</param>
/// <param name="BalancesOff">SKUs whose balance's reserved figure differs from the sum of its applied entries.</param>
/// <param name="FlowStages">Acknowledged orders' flows by engine status and stage ("missing" when none).</param>
internal sealed record TruthFigures(int Stored, int Reserved, int ReservedTwice, int BalancesOff, IReadOnlyDictionary<string, int> FlowStages);

/// <summary>
/// Checks the acknowledged orders against the stores: each order in the truth (the app's order route), its lines
/// reserved exactly once (the ledger's entries, one single-partition query per SKU), every balance equal to the sum of
/// its entries, and each flow's engine status and stage (the task hub's Instances table).
/// </summary>
/// <param name="storageConnectionString">Azurite itself (not a fault proxy): the task hub's tables.</param>
/// <param name="taskHub">The app's task hub.</param>
/// <param name="databaseName">The app's Cosmos database, read through <paramref name="cosmos"/> (the server itself).</param>
internal sealed class TruthAudit(string storageConnectionString, string taskHub, string databaseName, CosmosClient cosmos, HttpClient api)
{
    private const string ReservePrefix = "Reserve|order:";
    private readonly string _brandId = ScenarioAccounts.Default.BrandId;

    public async Task<TruthFigures> ReadAsync(IReadOnlyCollection<NewOrder> acknowledged, CancellationToken cancellationToken)
    {
        var stored = 0;
        foreach (var order in acknowledged)
        {
            using var response = await api.GetAsync(new Uri($"api/brands/{_brandId}/orders/{Uri.EscapeDataString(order.OrderId)}", UriKind.Relative), cancellationToken);
            stored += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        var (reservedOrders, reservedTwice, balancesOff) = await ReadLedgerAsync(cancellationToken);
        var reserved = acknowledged.Count(o => reservedOrders.Contains(o.OrderId));
        return new TruthFigures(stored, reserved, reservedTwice, balancesOff, await ReadFlowsAsync(acknowledged, cancellationToken));
    }

    /// <summary>How many of the acknowledged orders have an applied reservation (the drain's test; cheap: one query per SKU).</summary>
    public async Task<int> ReservedOrdersAsync(IReadOnlyCollection<NewOrder> acknowledged, CancellationToken cancellationToken)
    {
        var (reservedOrders, _, _) = await ReadLedgerAsync(cancellationToken);
        return acknowledged.Count(o => reservedOrders.Contains(o.OrderId));
    }

    private async Task<(HashSet<string> Orders, int ReservedTwice, int BalancesOff)> ReadLedgerAsync(CancellationToken cancellationToken)
    {
        var ledger = new CosmosContainers(cosmos, databaseName).InventoryLedger;
        var orders = new HashSet<string>(StringComparer.Ordinal);
        var reservedTwice = 0;
        var balancesOff = 0;
        foreach (var product in ScenarioProduct.Catalog)
        {
            var pk = StockBalanceDocument.PartitionKeyFor(_brandId, product.Sku);
            var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk").WithParameter("@pk", pk);
            var options = new QueryRequestOptions { PartitionKey = new PartitionKey(pk), EnableOptimisticDirectExecution = true, MaxItemCount = 1000 };
            var perLine = new Dictionary<string, int>(StringComparer.Ordinal);
            var appliedReserved = 0;
            int? balanceReserved = null;
            using var iterator = ledger.GetItemQueryIterator<JsonElement>(query, requestOptions: options);
            while (iterator.HasMoreResults)
            {
                foreach (var row in await iterator.ReadNextAsync(cancellationToken))
                {
                    var type = row.GetProperty("type").GetString();
                    if (type == StockBalanceDocument.DocumentType)
                    {
                        balanceReserved = (balanceReserved ?? 0) + row.GetProperty("reserved").GetInt32();
                        continue;
                    }

                    if (type != StockEntryDocument.DocumentType || row.GetProperty("state").ToString() is not ("Applied" or "1"))
                    {
                        continue;
                    }

                    appliedReserved += row.TryGetProperty("reservedDelta", out var delta) ? delta.GetInt32() : 0;
                    var entryId = row.GetProperty("entryId").GetString() ?? string.Empty;
                    if (entryId.StartsWith(ReservePrefix, StringComparison.Ordinal))
                    {
                        // order:{channel}:{external id}:{line id}:reserve...: a second applied reservation of one line (under any
                        // cause) is stock reserved twice.
                        var parts = entryId[ReservePrefix.Length..].Split(':');
                        orders.Add(parts[0] + ":" + parts[1]);
                        var line = string.Join(':', parts.Take(3));
                        perLine[line] = perLine.GetValueOrDefault(line) + 1;
                    }
                }
            }

            reservedTwice += perLine.Values.Count(count => count > 1);
            balancesOff += balanceReserved is { } held && held != appliedReserved ? 1 : 0;
        }

        return (orders, reservedTwice, balancesOff);
    }

    private async Task<IReadOnlyDictionary<string, int>> ReadFlowsAsync(IReadOnlyCollection<NewOrder> acknowledged, CancellationToken cancellationToken)
    {
        var instances = new TableClient(storageConnectionString, taskHub + "Instances");
        var stages = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var order in acknowledged)
        {
            var id = OrderFlowIds.For(_brandId, order.Channel, order.ExternalOrderId);
            var row = await instances.GetEntityIfExistsAsync<TableEntity>(id, string.Empty, ["RuntimeStatus", "CustomStatus"], cancellationToken);
            var key = row.HasValue ? $"{row.Value!.GetString("RuntimeStatus")} {Stage(row.Value.GetString("CustomStatus"))}" : "missing";
            stages[key] = stages.GetValueOrDefault(key) + 1;
        }

        return stages;
    }

    /// <summary>The flow's stage; an exception also names its step and cause, so a drill's table says what went wrong.</summary>
    private static string Stage(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return "(no status)";
        }

        using var document = JsonDocument.Parse(customStatus);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return "(no status)";
        }

        var stage = Property(document.RootElement, "stage") is { } value
            // The status may carry the stage as its number.
            ? value.ValueKind == JsonValueKind.Number && Enum.IsDefined(typeof(FlowStage), value.GetInt32()) ? ((FlowStage)value.GetInt32()).ToString() : value.ToString()
            : "(no stage)";
        return stage == nameof(FlowStage.Exception)
            ? $"{stage} ({Property(document.RootElement, "exceptionStep")}: {Property(document.RootElement, "exceptionCause")})"
            : stage;
    }

    private static JsonElement? Property(JsonElement status, string camelCaseName)
    {
        foreach (var property in status.EnumerateObject())
        {
            if (string.Equals(property.Name, camelCaseName, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
