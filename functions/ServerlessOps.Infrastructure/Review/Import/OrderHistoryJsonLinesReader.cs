using System.Text.Json;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Review.Import;

namespace ServerlessOps.Infrastructure.Review.Import;

/// <summary>
/// Reads an order history file in JSON Lines, one order per line, straight from the body's UTF-8 bytes and one line at a
/// time (never the file as a string). Scalars become text as in the catalog's reader (numbers kept as written); the
/// arrays <c>lines</c>, <c>fees</c>, <c>refunds</c> (and a refund's <c>lines</c>) become rows located as
/// <c>$.lines[1].unitPrice</c>. Unknown, repeated or wrongly nested members are errors at their line.
/// </summary>
internal static class OrderHistoryJsonLinesReader
{
    private static readonly string[] _arrays = ["lines", "fees", "refunds"];

    public static IEnumerable<OrderHistoryItem> Read(ReadOnlyMemory<byte> body)
    {
        var start = body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var lineNumber = 0;
        var any = false;
        while (start <= body.Length)
        {
            lineNumber++;
            var rest = body[start..];
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            start += end < 0 ? rest.Length + 1 : end + 1;
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            any = true;
            yield return ReadLine(line, lineNumber);
        }

        if (!any)
        {
            yield return new OrderHistoryItem(1, 0, null, [new ImportError(1, null, "the file has no lines; expected one JSON object (an order) per line.")]);
        }
    }

    private static OrderHistoryItem ReadLine(ReadOnlyMemory<byte> line, int lineNumber)
    {
        var errors = new List<ImportError>();

        // The body is read as bytes, never decoded as a whole, and JsonDocument checks a string's bytes and escapes only
        // when it is read: both are checked here so a bad line is an error at its line, not an exception mid-import.
        if (!System.Text.Unicode.Utf8.IsValid(line.Span))
        {
            errors.Add(new ImportError(lineNumber, null, "the line is not UTF-8; save the file as UTF-8."));
            return new OrderHistoryItem(lineNumber, 1, null, errors);
        }

        if (JsonStringCheck.TryFindUnreadableString(line.Span, out _, out var escapeAt))
        {
            errors.Add(new ImportError(lineNumber, null, $"a string escape at byte {escapeAt} is not text (a lone surrogate such as \\ud800); each line must be one JSON object (an order)."));
            return new OrderHistoryItem(lineNumber, 1, null, errors);
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ImportError(lineNumber, "$", $"expected a JSON object (an order), found {Kind(root)}."));
                return new OrderHistoryItem(lineNumber, 1, null, errors);
            }

            var order = Row(root, lineNumber, "$", [.. OrderHistoryFields.Order, .. _arrays], errors);
            var lines = Objects(root, "lines", lineNumber, "$", errors).Select(e => Row(e.Element, lineNumber, e.Path, OrderHistoryFields.Line, errors)).ToList();
            var fees = Objects(root, "fees", lineNumber, "$", errors).Select(e => Row(e.Element, lineNumber, e.Path, OrderHistoryFields.Fee, errors)).ToList();
            var refunds = Objects(root, "refunds", lineNumber, "$", errors).Select(e => new OrderHistoryRefundInput(
                Row(e.Element, lineNumber, e.Path, [.. OrderHistoryFields.Refund, "lines"], errors),
                [.. Objects(e.Element, "lines", lineNumber, e.Path, errors).Select(l => Row(l.Element, lineNumber, l.Path, OrderHistoryFields.RefundLine, errors))])).ToList();
            return new OrderHistoryItem(lineNumber, 1, new OrderHistoryInput(order, lines, fees, refunds), errors);
        }
        catch (JsonException e)
        {
            var position = e.BytePositionInLine is { } p ? $" at character {p + 1}" : string.Empty;
            errors.Add(new ImportError(lineNumber, null, $"not valid JSON{position}; each line must be one JSON object (an order)."));
            return new OrderHistoryItem(lineNumber, 1, null, errors);
        }
    }

    /// <summary>The scalar members of <paramref name="element"/> as a row; arrays named in <paramref name="fields"/> are read by <see cref="Objects"/>.</summary>
    private static ImportRow Row(JsonElement element, int line, string path, IReadOnlyList<string> fields, List<ImportError> errors)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in element.EnumerateObject())
        {
            var known = fields.FirstOrDefault(f => string.Equals(f, member.Name, StringComparison.OrdinalIgnoreCase));
            var at = $"{path}.{member.Name}";
            if (known is null)
            {
                errors.Add(new ImportError(line, at, $"unknown member; expected some of {string.Join(", ", fields)}."));
            }
            else if (values.ContainsKey(known))
            {
                errors.Add(new ImportError(line, at, $"{known} appears twice."));
            }
            else if (_arrays.Contains(known, StringComparer.Ordinal) || (known == "lines" && path != "$"))
            {
                values[known] = null;
            }
            else
            {
                values[known] = member.Value.ValueKind switch
                {
                    JsonValueKind.String => member.Value.GetString(),
                    JsonValueKind.Number => member.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => null,
                    _ => Nested(errors, line, at, member.Value),
                };
            }
        }

        return new ImportRow(line, values, field => $"{path}.{field}");
    }

    /// <summary>The objects of array member <paramref name="name"/> with their paths; absent or null is empty.</summary>
    private static List<(JsonElement Element, string Path)> Objects(JsonElement parent, string name, int line, string path, List<ImportError> errors)
    {
        var found = parent.EnumerateObject().FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        var objects = new List<(JsonElement, string)>();
        if (found.Value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return objects;
        }

        if (found.Value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ImportError(line, $"{path}.{found.Name}", $"expected an array of objects, found {Kind(found.Value)}."));
            return objects;
        }

        var index = 0;
        foreach (var item in found.Value.EnumerateArray())
        {
            var at = $"{path}.{found.Name}[{index++}]";
            if (item.ValueKind == JsonValueKind.Object)
            {
                objects.Add((item, at));
            }
            else
            {
                errors.Add(new ImportError(line, at, $"expected an object, found {Kind(item)}."));
            }
        }

        return objects;
    }

    private static string? Nested(List<ImportError> errors, int line, string path, JsonElement value)
    {
        errors.Add(new ImportError(line, path, $"expected a string, number, true/false or null, found {Kind(value)}."));
        return null;
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
