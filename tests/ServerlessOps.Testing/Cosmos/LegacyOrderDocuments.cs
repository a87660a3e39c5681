using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Testing.Cosmos;

/// <summary>
/// Orders as the brand-partitioned layout (schema 1) wrote them, for the partition migration's tests, byte for byte in its shape: partition = brand id, no
/// locator, lines with the quantities of the time, money as strings, no refunds, channel facts or tax flag.
/// </summary>
public static class LegacyOrderDocuments
{
    public static JsonObject Order(string brandId, string externalOrderId, DateTimeOffset placedAt, DateTimeOffset updatedAt, string status = "AwaitingFulfilment", params string[] deliveryKeys)
    {
        var utc = placedAt.UtcDateTime;
        return new JsonObject
        {
            ["id"] = $"shopify:{externalOrderId}",
            ["pk"] = brandId,
            ["brandId"] = brandId,
            ["type"] = "order",
            ["schemaVersion"] = 1,
            ["orderDay"] = utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["placedAt"] = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["channel"] = "shopify",
            ["status"] = status,
            ["order"] = new JsonObject
            {
                ["brandId"] = brandId,
                ["channel"] = "Shopify",
                ["channelAccountId"] = "acme-outfitters.myshopify.com",
                ["externalOrderId"] = externalOrderId,
                ["displayNumber"] = "#1043",
                ["status"] = status,
                ["channelStatus"] = "paid/null",
                ["currency"] = "USD",
                ["lines"] = new JsonArray(new JsonObject
                {
                    ["lineId"] = "14790011223301",
                    ["sku"] = "ACME-TEE-BLK-M",
                    ["title"] = "Acme Classic Tee - Black / M",
                    ["quantity"] = 2,
                    ["unitPrice"] = "24.00",
                    ["discount"] = "4.80",
                    ["tax"] = "2.59",
                    ["quantityShipped"] = 0,
                    ["quantityCancelled"] = 0,
                }),
                ["shipping"] = new JsonObject
                {
                    ["method"] = "Standard",
                    ["price"] = "5.99",
                    ["tax"] = "0.00",
                    ["discount"] = "0.00",
                    ["countryCode"] = "US",
                    ["shipments"] = new JsonArray(),
                },
                ["fees"] = new JsonArray(),
                ["orderDiscount"] = "0",
                ["total"] = "50.98",
                ["placedAt"] = placedAt.ToString("O", CultureInfo.InvariantCulture),
                ["version"] = new JsonObject { ["updatedAt"] = updatedAt.ToString("O", CultureInfo.InvariantCulture) },
                ["isComplete"] = true,
            },
            ["deliveries"] = new JsonArray([.. deliveryKeys.Select(key => (JsonNode)new JsonObject
            {
                ["deliveryKey"] = key,
                ["channel"] = "Shopify",
                ["deliveryId"] = key,
                ["topic"] = "orders/updated",
                ["rawBlobName"] = $"acme/shopify/{key}.json",
                ["receivedAt"] = updatedAt.ToString("O", CultureInfo.InvariantCulture),
                ["outcome"] = "Applied",
            })]),
            ["writtenAt"] = updatedAt.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    public static async Task PutAsync(Container orders, JsonObject document, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));
        using var response = await orders.UpsertItemStreamAsync(body, new PartitionKey(document["pk"]!.GetValue<string>()), cancellationToken: cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Upserting the legacy document answered {(int)response.StatusCode}: {response.ErrorMessage}");
        }
    }

    /// <summary>Ids of the order documents left in the brand's old partition (a point read per id would miss new ones).</summary>
    public static async Task<IReadOnlyList<string>> LeftInOldLayoutAsync(Container orders, string brandId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.pk = @pk AND c.type = 'order' ORDER BY c.id").WithParameter("@pk", brandId);
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(brandId), EnableOptimisticDirectExecution = true };
        var ids = new List<string>();
        using var iterator = orders.GetItemQueryIterator<string>(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            ids.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return ids;
    }

    /// <summary>The raw JSON of a document, or null on 404.</summary>
    public static async Task<JsonNode?> ReadAsync(Container orders, string partitionKey, string id, CancellationToken cancellationToken)
    {
        using var response = await orders.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : JsonNode.Parse(response.Content);
    }
}
