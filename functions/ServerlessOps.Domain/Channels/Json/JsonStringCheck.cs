using System.Text.Json;

namespace ServerlessOps.Domain.Channels.Json;

/// <summary>
/// Finds a JSON string or member name whose escapes do not make text: a lone UTF-16 surrogate (<c>"\ud800"</c>) is valid
/// JSON grammar, so <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> accepts it, but reading the
/// string later throws <see cref="InvalidOperationException"/> deep inside a mapper. Checking once, up front, turns it into a
/// rejection that says where, like any other malformed JSON.
/// </summary>
public static class JsonStringCheck
{
    /// <summary>True when some string cannot be read; <paramref name="line"/> and <paramref name="byteInLine"/> are 1-based.</summary>
    /// <remarks>Only escaped strings can be unreadable once the bytes are valid UTF-8, so a document without <c>\u</c> costs one vectorised scan.</remarks>
    public static bool TryFindUnreadableString(ReadOnlySpan<byte> utf8Json, out long line, out long byteInLine)
    {
        line = 0;
        byteInLine = 0;
        if (utf8Json.IndexOf("\\u"u8) < 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !CanRead(ref reader))
                {
                    var before = utf8Json[..(int)reader.TokenStartIndex];
                    line = before.Count((byte)'\n') + 1;
                    byteInLine = before.Length - before.LastIndexOf((byte)'\n');
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is the parser's to report, with its own position.
        }

        return false;
    }

    private static bool CanRead(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first member written twice in one object, with its 1-based line and byte; for the message only, once the parser
    /// has refused the document (it says a name was repeated but not where).
    /// </summary>
    public static bool TryFindRepeatedMember(ReadOnlySpan<byte> utf8Json, out string name, out long line, out long byteInLine)
    {
        name = string.Empty;
        line = 0;
        byteInLine = 0;
        var reader = new Utf8JsonReader(utf8Json);
        var open = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        open.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        open.Push(null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    case JsonTokenType.PropertyName when open.Peek() is { } names && !names.Add(reader.GetString()!):
                        name = reader.GetString()!;
                        var before = utf8Json[..(int)reader.TokenStartIndex];
                        line = before.Count((byte)'\n') + 1;
                        byteInLine = before.Length - before.LastIndexOf((byte)'\n');
                        return true;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed otherwise: the parser's own message stands.
        }

        return false;
    }
}
