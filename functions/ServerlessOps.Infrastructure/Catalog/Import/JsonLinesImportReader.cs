using System.Text.Json;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>
/// Reads a JSON Lines import (one JSON object per line, UTF-8; blank lines skipped) into rows. Members are matched to
/// <c>fields</c> ignoring case and located as <c>$.member</c>; values may be strings, numbers (kept as written, so
/// <c>12.50</c> stays exact), true/false or null. An unknown, repeated or nested member is an error at its line.
/// </summary>
internal static class JsonLinesImportReader
{
    public static ImportFile Read(string text, IReadOnlyList<string> fields)
    {
        var errors = new List<ImportError>();
        var rows = new List<ImportRow>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var content = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            var lineNumber = i + 1;
            var before = errors.Count;
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var utf8 = System.Text.Encoding.UTF8.GetBytes(content);
            if (JsonStringCheck.TryFindUnreadableString(utf8, out _, out var escapeAt))
            {
                // Valid JSON grammar, but reading the string would throw: refused here like any other bad line.
                errors.Add(new ImportError(lineNumber, null, $"a string escape at byte {escapeAt} is not text (a lone surrogate such as \\ud800); each line must be one JSON object."));
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(utf8);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new ImportError(lineNumber, "$", $"expected a JSON object, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}."));
                    continue;
                }

                foreach (var member in document.RootElement.EnumerateObject())
                {
                    var known = fields.FirstOrDefault(f => string.Equals(f, member.Name, StringComparison.OrdinalIgnoreCase));
                    var path = $"$.{member.Name}";
                    if (known is null)
                    {
                        errors.Add(new ImportError(lineNumber, path, $"unknown member; expected some of {string.Join(", ", fields)}."));
                    }
                    else if (values.ContainsKey(known))
                    {
                        errors.Add(new ImportError(lineNumber, path, $"{known} appears twice."));
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
                            _ => Nested(errors, lineNumber, path, member.Value.ValueKind),
                        };
                    }
                }
            }
            catch (JsonException e)
            {
                var position = e.BytePositionInLine is { } p ? $" at character {p + 1}" : string.Empty;
                errors.Add(new ImportError(lineNumber, null, $"not valid JSON{position}; each line must be one JSON object."));
                continue;
            }

            if (errors.Count == before)
            {
                rows.Add(new ImportRow(lineNumber, values, field => $"$.{field}"));
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(1, null, "the file has no lines; expected one JSON object per line."));
        }

        return new ImportFile(rows, errors);
    }

    private static string? Nested(List<ImportError> errors, int line, string path, JsonValueKind kind)
    {
        errors.Add(new ImportError(line, path, $"expected a string, number, true/false or null, found {kind.ToString().ToLowerInvariant()}."));
        return null;
    }
}
