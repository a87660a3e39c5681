using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessOps.Infrastructure.Cosmos.Serialization;

/// <summary>
/// Writes decimals as JSON strings in invariant culture (<c>"19.90"</c>, scale kept). Cosmos DB holds JSON
/// numbers as IEEE-754 doubles, so a decimal written as a number keeps only ~15 significant digits and
/// loses its scale; a string keeps every digit. Reads strings and, for documents written by hand, numbers.
/// The price: money fields cannot be summed or range-filtered in a Cosmos query (we aggregate in code).
/// </summary>
internal sealed class DecimalStringConverter : JsonConverter<decimal>
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDecimal(),
            JsonTokenType.String when decimal.TryParse(reader.GetString(), Styles, CultureInfo.InvariantCulture, out var value) => value,
            _ => throw new JsonException($"Expected a decimal as a string or number, got {reader.TokenType} '{(reader.TokenType == JsonTokenType.String ? reader.GetString() : null)}'."),
        };
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
