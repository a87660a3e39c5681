using CsvHelper;
using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>
/// Reads a CSV import (RFC 4180: comma-separated, a header row naming the columns, double quotes around values with
/// commas, quotes or line breaks) into rows. Columns are matched to <c>fields</c> ignoring case; an unknown or repeated
/// column is an error at line 1; a row with another number of values than the header, or broken quoting, is an error
/// at its line. Lines are physical lines of the file (CsvHelper's line tracking), so a quoted value spanning two lines
/// moves the next row's line on by one, as an editor shows it.
/// </summary>
internal static class CsvImportReader
{
    public static ImportFile Read(string text, IReadOnlyList<string> fields)
    {
        var errors = new List<ImportError>();
        var rows = new List<ImportRow>();
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
            OnMalformedRecord = record => errors.Add(new ImportError((int)record.LineNumber, null, Describe(record.Reason))),
        };
        using var reader = CsvReader.FromText(text, options);
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        try
        {
            reader.ReadHeader();
            if (reader.Headers.Count == 0)
            {
                errors.Add(new ImportError(1, null, $"the file is empty; expected a header row naming columns such as {string.Join(",", fields.Take(4))}."));
                return new ImportFile(rows, errors);
            }

            ReadHeader(reader.Headers, fields, columns, errors);
            while (reader.Read())
            {
                var line = (int)reader.LineNumber;
                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var (name, index) in columns)
                {
                    values[name] = reader.GetString(index);
                }

                rows.Add(new ImportRow(line, values, field => Locate(field, columns)));
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(new ImportError(rows.Count == 0 ? 1 : rows[^1].Line + 1, null, $"the CSV cannot be read past this point ({e.GetType().Name})."));
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(1, null, "the file has a header but no rows."));
        }

        return new ImportFile(rows, errors);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a double quote inside an unquoted value; quote the whole value and double the quotes inside it.",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote; quote the whole value and double the quotes inside it.",
        CsvMalformedReason.UnterminatedQuote => "a quoted value is never closed before the end of the file.",
        CsvMalformedReason.FieldCountMismatch => "the row has another number of values than the header has columns.",
        _ => $"the row cannot be read ({reason}).",
    };

    private static void ReadHeader(IReadOnlyList<string> header, IReadOnlyList<string> fields, Dictionary<string, int> columns, List<ImportError> errors)
    {
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var column = $"{name} (column {i + 1})";
            var known = fields.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add(new ImportError(1, column, $"unknown column {ImportText.Quote(name)}; expected some of {string.Join(", ", fields)}."));
            }
            else if (!columns.TryAdd(known, i))
            {
                errors.Add(new ImportError(1, column, $"column {known} appears twice (first as column {columns[known] + 1})."));
            }
        }
    }

    private static string Locate(string field, Dictionary<string, int> columns) =>
        columns.TryGetValue(field, out var index) ? $"{field} (column {index + 1})" : $"{field} (no such column)";
}
