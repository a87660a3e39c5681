using System.Globalization;
using System.Text.Json;

namespace ServerlessOps.Domain.Channels.Json;

/// <summary>
/// A JSON value together with the path it was reached by, so every failure can say exactly where it is and what
/// was expected vs found ("payload.orderLines[1].quantity.measurementValue: expected a decimal string, found true").
/// Property names are matched case-insensitively (an exact match wins) because channels are not consistent about
/// casing (Amazon sends PascalCase and camelCase notifications). Every failure is a <see cref="ChannelPayloadException"/>.
/// </summary>
public readonly struct JsonCursor
{
    private const int MaxShownStringLength = 40;

    private JsonCursor(JsonElement element, string path, string? document)
    {
        Element = element;
        Path = path;
        Document = document;
    }

    public JsonElement Element { get; }

    /// <summary>Path from the document root, e.g. <c>payload.orderLines[1].sku</c>; <c>$</c> for the root itself.</summary>
    public string Path { get; }

    /// <summary>Which document the path is in, when a message must say (an API response part); null for a webhook body.</summary>
    public string? Document { get; }

    public JsonValueKind Kind => Element.ValueKind;

    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>Parses raw bytes; malformed JSON throws <see cref="ChannelPayloadException"/> naming the line and byte.</summary>
    public static JsonCursor Parse(ReadOnlyMemory<byte> utf8Json, string? document = null)
    {
        try
        {
            using var parsed = JsonDocument.Parse(utf8Json);
            return new JsonCursor(parsed.RootElement.Clone(), "$", document);
        }
        catch (JsonException ex)
        {
            var where = document is null ? "body" : document;
            throw new ChannelPayloadException(
                $"{where}: expected JSON, found malformed JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", ex);
        }
    }

    /// <summary>Parses a string (an API response kept as text, or JSON carried inside a JSON string).</summary>
    public static JsonCursor Parse(string json, string? document = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json), document);
    }

    /// <summary>Like <see cref="Parse(ReadOnlyMemory{byte}, string?)"/> but answers false instead of throwing.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8Json, out JsonCursor cursor)
    {
        try
        {
            cursor = Parse(utf8Json);
            return true;
        }
        catch (ChannelPayloadException)
        {
            cursor = default;
            return false;
        }
    }

    /// <summary>A nested JSON document held as a string at this position, parsed with paths continuing from here.</summary>
    public JsonCursor ParseEmbedded()
    {
        var text = GetString();
        try
        {
            using var parsed = JsonDocument.Parse(text);
            return new JsonCursor(parsed.RootElement.Clone(), Path, Document);
        }
        catch (JsonException ex)
        {
            throw Fail("expected a string holding JSON, found a string that is not JSON", ex);
        }
    }

    /// <summary>The property, required: missing or null throws.</summary>
    public JsonCursor Property(string name)
    {
        var found = Optional(name);
        if (found is { } value)
        {
            return value;
        }

        throw new ChannelPayloadException($"{Prefix()}{ChildPath(name)}: expected a value, found {(HasProperty(name) ? "null" : "nothing")}.");
    }

    /// <summary>The property, or null when it is missing or JSON null. Throws if this value is not an object.</summary>
    public JsonCursor? Optional(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"expected an object with '{name}'");
        }

        JsonElement? match = null;
        foreach (var property in Element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                match = property.Value;
                break;
            }

            if (match is null && string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                match = property.Value;
            }
        }

        if (match is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        return new JsonCursor(element, ChildPath(name), Document);
    }

    /// <summary>True when this is an object with the property (even if null).</summary>
    public bool HasProperty(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in Element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first property among <paramref name="names"/> that is present and not null.</summary>
    public JsonCursor? OptionalAny(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Optional(name) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The elements of an array.</summary>
    public IReadOnlyList<JsonCursor> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Fail("expected an array");
        }

        var items = new List<JsonCursor>(Element.GetArrayLength());
        var index = 0;
        foreach (var item in Element.EnumerateArray())
        {
            items.Add(new JsonCursor(item, $"{Path}[{index.ToString(CultureInfo.InvariantCulture)}]", Document));
            index++;
        }

        return items;
    }

    /// <summary>
    /// The elements of an array, or this value alone when it is an object: XML-born APIs (Walmart) serialise a
    /// one-element list as the element itself.
    /// </summary>
    public IReadOnlyList<JsonCursor> ItemsOrSingle() =>
        Element.ValueKind == JsonValueKind.Object ? [this] : Items();

    /// <summary>Requires this value to be an object.</summary>
    public JsonCursor ExpectObject()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Fail("expected an object");
        }

        return this;
    }

    public string GetString()
    {
        if (Element.ValueKind != JsonValueKind.String)
        {
            throw Fail("expected a string");
        }

        return Element.GetString()!;
    }

    /// <summary>A non-empty string.</summary>
    public string GetNonEmptyString()
    {
        var value = GetString();
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Fail("expected a non-empty string");
        }

        return value;
    }

    /// <summary>An identifier: a non-empty string or an integer number (Shopify ids are JSON integers), as text.</summary>
    public string GetId()
    {
        switch (Element.ValueKind)
        {
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(Element.GetString()):
                return Element.GetString()!;
            case JsonValueKind.Number when Element.TryGetInt64(out var number):
                return number.ToString(CultureInfo.InvariantCulture);
            case JsonValueKind.Number when Element.TryGetDecimal(out var big) && decimal.Truncate(big) == big:
                return big.ToString(CultureInfo.InvariantCulture);
            default:
                throw Fail("expected an id (non-empty string or integer)");
        }
    }

    /// <summary>A decimal amount: a JSON number or a decimal string ("24.00"), exact (never via floating point).</summary>
    public decimal GetDecimal()
    {
        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetDecimal(out var number))
        {
            return number;
        }

        if (Element.ValueKind == JsonValueKind.String && JsonValueParsing.TryParseDecimal(Element.GetString(), out var parsed))
        {
            return parsed;
        }

        throw Fail("expected a decimal (number or decimal string)");
    }

    /// <summary>A decimal carried as a string ("2"), as Walmart and Shopify send quantities and money.</summary>
    public decimal GetDecimalString()
    {
        if (Element.ValueKind == JsonValueKind.String && JsonValueParsing.TryParseDecimal(Element.GetString(), out var parsed))
        {
            return parsed;
        }

        throw Fail("expected a decimal string");
    }

    /// <summary>A whole number, as a JSON integer or an integer string ("2").</summary>
    public long GetInt64()
    {
        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out var number))
        {
            return number;
        }

        if (Element.ValueKind == JsonValueKind.String
            && long.TryParse(Element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Fail("expected an integer");
    }

    /// <summary>A whole number within <see cref="int"/>, as a JSON integer or an integer string.</summary>
    public int GetInt32()
    {
        var value = GetInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Fail("expected an integer within 32 bits");
        }

        return (int)value;
    }

    /// <summary>A non-negative whole number (quantities).</summary>
    public int GetCount()
    {
        var value = GetInt32();
        if (value < 0)
        {
            throw Fail("expected a non-negative integer");
        }

        return value;
    }

    /// <summary>A boolean, as JSON true/false or the strings "true"/"false" (Amazon's IsGift).</summary>
    public bool GetBoolean()
    {
        switch (Element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when bool.TryParse(Element.GetString(), out var parsed):
                return parsed;
            default:
                throw Fail("expected a boolean");
        }
    }

    /// <summary>An ISO 8601 time string; the offset is kept, and a time without an offset is read as UTC.</summary>
    public DateTimeOffset GetIsoTime()
    {
        if (Element.ValueKind == JsonValueKind.String && JsonValueParsing.TryParseIsoTime(Element.GetString(), out var parsed))
        {
            return parsed;
        }

        throw Fail("expected an ISO 8601 time");
    }

    /// <summary>Unix time in seconds, as a JSON integer or an integer string.</summary>
    public DateTimeOffset GetEpochSeconds()
    {
        if (TryGetWhole(out var seconds) && JsonValueParsing.TryFromEpochSeconds(seconds, out var parsed))
        {
            return parsed;
        }

        throw Fail("expected Unix time in seconds");
    }

    /// <summary>Unix time in milliseconds, as a JSON integer or an integer string.</summary>
    public DateTimeOffset GetEpochMilliseconds()
    {
        if (TryGetWhole(out var milliseconds) && JsonValueParsing.TryFromEpochMilliseconds(milliseconds, out var parsed))
        {
            return parsed;
        }

        throw Fail("expected Unix time in milliseconds");
    }

    /// <summary>Unix time in milliseconds (number or integer string) or an ISO 8601 string: Walmart uses both.</summary>
    public DateTimeOffset GetEpochMillisecondsOrIsoTime()
    {
        if (TryGetWhole(out var milliseconds) && JsonValueParsing.TryFromEpochMilliseconds(milliseconds, out var fromEpoch))
        {
            return fromEpoch;
        }

        if (Element.ValueKind == JsonValueKind.String && JsonValueParsing.TryParseIsoTime(Element.GetString(), out var fromIso))
        {
            return fromIso;
        }

        throw Fail("expected Unix time in milliseconds or an ISO 8601 time");
    }

    /// <summary>A string that must be one of <paramref name="allowed"/> (case-insensitive); the message lists them.</summary>
    public string GetOneOf(IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var value = Element.ValueKind == JsonValueKind.String ? Element.GetString()! : null;
        if (value is not null && allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return value;
        }

        throw Fail($"expected one of {string.Join(", ", allowed)}");
    }

    /// <summary>A failure at this position: "{path}: {expectation}, found {what is here}".</summary>
    public ChannelPayloadException Fail(string expectation, Exception? inner = null)
    {
        var message = $"{Prefix()}{Path}: {expectation}, found {Describe(Element)}.";
        return inner is null ? new ChannelPayloadException(message) : new ChannelPayloadException(message, inner);
    }

    public override string ToString() => $"{Prefix()}{Path}";

    private bool TryGetWhole(out long value)
    {
        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out value))
        {
            return true;
        }

        if (Element.ValueKind == JsonValueKind.String
            && long.TryParse(Element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    private string Prefix() => Document is null ? string.Empty : $"{Document} ";

    private string ChildPath(string name) => Path == "$" ? name : $"{Path}.{name}";

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {element.GetArrayLength().ToString(CultureInfo.InvariantCulture)}",
        JsonValueKind.String => DescribeString(element.GetString()!),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    // Strings are shown (it is what makes the message useful) but cut short: a mistyped field can hold personal data.
    private static string DescribeString(string value) =>
        value.Length <= MaxShownStringLength
            ? JsonSerializer.Serialize(value)
            : $"{JsonSerializer.Serialize(value[..MaxShownStringLength])}... ({value.Length.ToString(CultureInfo.InvariantCulture)} characters)";
}
