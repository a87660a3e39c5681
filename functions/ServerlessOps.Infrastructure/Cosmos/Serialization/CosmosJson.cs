using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessOps.Infrastructure.Cosmos.Serialization;

/// <summary>
/// The JSON shape of every Cosmos document: camelCase names, enums as their member names
/// (<c>"AwaitingFulfilment"</c>), decimals as exact strings, nulls omitted, and computed get-only
/// properties (<c>Order.Id</c>, <c>Order.LinesNet</c>, <c>OrderLine.NetAmount</c>) left out: they are
/// derived on read, and storing them would only let the stored copy disagree with the code.
/// </summary>
public static class CosmosJson
{
    /// <summary>The options the Cosmos serialiser uses (read-only; shared).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipComputedProperties } },
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new DecimalStringConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void SkipComputedProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            // Positional record members have init setters; only derived members have none.
            if (typeInfo.Properties[i].Set is null)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
