using CsvHelper;
using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Review.Import;

/// <summary>
/// Reads an order history CSV, one row per order line, straight from the body's bytes (CsvHelper over the UTF-8 memory)
/// and one order at a time: consecutive rows with the same channel and external order id are one order, whose order
/// columns must repeat exactly (a differing value is an error on the later row naming the first row's line). Whether an
/// order's rows come back later in the file is checked by the importer (one id, one order).
/// </summary>
internal static class OrderHistoryCsvReader
{
    public static IEnumerable<OrderHistoryItem> Read(ReadOnlyMemory<byte> body)
    {
        // CsvHelper decodes bad bytes to U+FFFD without a word, which would store mangled text: refused first, naming the
        // line, as the catalog's reader does (valid files cost one vectorised check).
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            yield return new OrderHistoryItem(LineOfFirstInvalidByte(body.Span), 0, null, [new ImportError(LineOfFirstInvalidByte(body.Span), null, "the file is not UTF-8; save it as UTF-8 (Excel: CSV UTF-8).")]);
            yield break;
        }

        var malformed = new List<ImportError>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            IncludeValuesInExceptions = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = record => malformed.Add(new ImportError((int)record.LineNumber, null, $"the row cannot be read ({record.Reason}); check its quoting and its number of values.")),
        };
        var start = body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        using var reader = CsvReader.Create(body[start..], options);
        reader.ReadHeader();
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var headerErrors = Header(reader.Headers, columns);
        if (headerErrors.Count > 0)
        {
            yield return new OrderHistoryItem(1, 0, null, headerErrors);
            yield break;
        }

        var group = new OrderHistoryCsvGroup(columns);
        var rows = 0;
        while (true)
        {
            bool read;
            try
            {
                read = reader.Read();
            }
            catch (CsvFormatException e)
            {
                malformed.Add(new ImportError(group.LastLine + 1, null, $"the CSV cannot be read past this point ({e.GetType().Name})."));
                read = false;
            }

            if (malformed.Count > 0)
            {
                yield return new OrderHistoryItem(malformed[0].Line, 0, null, [.. malformed]);
                malformed.Clear();
            }

            if (!read)
            {
                break;
            }

            rows++;
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, index) in columns)
            {
                values[name] = reader.GetString(index);
            }

            var row = new ImportRow((int)reader.LineNumber, values, field => Locate(field, columns));
            if (!group.Accepts(row) && group.Complete() is { } done)
            {
                yield return done;
            }

            group.Add(row);
        }

        if (group.Complete() is { } last)
        {
            yield return last;
        }
        else if (rows == 0)
        {
            yield return new OrderHistoryItem(1, 0, null, [new ImportError(1, null, "the file has a header but no rows.")]);
        }
    }

    private static List<ImportError> Header(IReadOnlyList<string> header, Dictionary<string, int> columns)
    {
        var errors = new List<ImportError>();
        if (header.Count == 0)
        {
            errors.Add(new ImportError(1, null, "the file is empty; expected a header row naming columns such as channel,channelAccountId,externalOrderId,currency,createdAt,lineId,channelSku,quantity,unitPrice."));
        }

        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var known = OrderHistoryCsvColumns.All.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add(new ImportError(1, $"{name} (column {i + 1})", $"unknown column '{(name.Length > 40 ? name[..40] : name)}'; expected some of {string.Join(", ", OrderHistoryCsvColumns.All)}."));
            }
            else if (!columns.TryAdd(known, i))
            {
                errors.Add(new ImportError(1, $"{name} (column {i + 1})", $"column {known} appears twice (first as column {columns[known] + 1})."));
            }
        }

        return errors;
    }

    public static string Locate(string field, IReadOnlyDictionary<string, int> columns) =>
        columns.TryGetValue(field, out var index) ? $"{field} (column {index + 1})" : $"{field} (no such column)";

    private static int LineOfFirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var at = 0;
        while (at < body.Length && System.Text.Rune.DecodeFromUtf8(body[at..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            at += consumed;
        }

        return 1 + body[..at].Count((byte)'\n');
    }
}
