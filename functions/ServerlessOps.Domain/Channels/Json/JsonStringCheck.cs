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
}
