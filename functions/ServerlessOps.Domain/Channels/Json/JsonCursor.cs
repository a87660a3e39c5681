using System.Globalization;
using System.Text.Json;

namespace ServerlessOps.Domain.Channels.Json;

/// <summary>
/// A JSON value together with the path it was reached by, so every failure can say exactly where it is and what
/// was expected vs found ("payload.orderLines[1].quantity.measurementValue: expected a decimal string, found true").
/// Property names are matched case-insensitively (an exact match wins) because channels are not consistent about
/// casing (Amazon sends PascalCase and camelCase notifications). Every failure is a <see cref="ChannelPayloadException"/>.
/// </summary>
public readonly partial struct JsonCursor
{
    private const int MaxShownStringLength = 40;

    /// <summary>
    /// A member written twice is refused: which of the two values counts differs between parsers (ours takes the first, many
    /// take the last), so an authentic payload with one would mean different things to the channel, a proxy and us.
    /// </summary>
    private static readonly JsonDocumentOptions _strict = new() { AllowDuplicateProperties = false };

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
        // JsonDocument checks string contents only when they are read, and then throws InvalidOperationException:
        // validate up front so a bad byte is a payload error like any other.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
        {
            throw new ChannelPayloadException($"{document ?? "body"}: expected UTF-8 JSON, found bytes that are not valid UTF-8.");
        }

        if (JsonStringCheck.TryFindUnreadableString(utf8Json.Span, out var line, out var position))
        {
            throw new ChannelPayloadException(
                $"{document ?? "body"}: expected JSON text, found a string escape that is not text, such as a lone surrogate (line {line}, byte {position}).");
        }

        try
        {
            using var parsed = JsonDocument.Parse(utf8Json, _strict);
            return new JsonCursor(parsed.RootElement.Clone(), "$", document);
        }
        catch (JsonException ex)
        {
            var where = document is null ? "body" : document;
            if (JsonStringCheck.TryFindRepeatedMember(utf8Json.Span, out var name, out var repeatedLine, out var repeatedByte))
            {
                throw new ChannelPayloadException(
                    $"{where}: expected each member once, found {DescribeString(name)} written twice in one object (line {repeatedLine}, byte {repeatedByte}).", ex);
            }

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
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        if (JsonStringCheck.TryFindUnreadableString(utf8, out _, out _))
        {
            throw Fail("expected a string holding JSON text, found one with a string escape that is not text (a lone surrogate)");
        }

        try
        {
            using var parsed = JsonDocument.Parse(utf8, _strict);
            return new JsonCursor(parsed.RootElement.Clone(), Path, Document);
        }
        catch (JsonException ex)
        {
            throw Fail(JsonStringCheck.TryFindRepeatedMember(utf8, out var name, out _, out _)
                ? $"expected a string holding JSON with each member once, found {DescribeString(name)} written twice in one object"
                : "expected a string holding JSON, found a string that is not JSON", ex);
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

    /// <summary>A failure at this position: "{path}: {expectation}, found {what is here}".</summary>
    public ChannelPayloadException Fail(string expectation, Exception? inner = null)
    {
        var message = $"{Prefix()}{Path}: {expectation}, found {Describe(Element)}.";
        return inner is null ? new ChannelPayloadException(message) : new ChannelPayloadException(message, inner);
    }

    public override string ToString() => $"{Prefix()}{Path}";

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
