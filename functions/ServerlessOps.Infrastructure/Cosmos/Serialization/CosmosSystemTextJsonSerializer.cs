using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Infrastructure.Cosmos.Serialization;

/// <summary>
/// Cosmos serialiser over System.Text.Json (<see cref="CosmosJson.Options"/>), so documents and the domain
/// records inside them need no Newtonsoft attributes. The SDK calls it for our item types only; its own
/// system types still go through its internal serialiser.
/// </summary>
internal sealed class CosmosSystemTextJsonSerializer(JsonSerializerOptions options) : CosmosSerializer
{
    public override T FromStream<T>(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (typeof(Stream).IsAssignableFrom(typeof(T)))
        {
            // The SDK's contract: a Stream is handed over as is, and the caller disposes it.
            return (T)(object)stream;
        }

        using (stream)
        {
            if (stream.CanSeek && stream.Length == 0)
            {
                return default!;
            }

            return JsonSerializer.Deserialize<T>(stream, options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var buffer = new MemoryStream();
        JsonSerializer.Serialize(buffer, input, options);
        buffer.Position = 0;
        return buffer;
    }
}
