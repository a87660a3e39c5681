using System.Globalization;
using System.Text;

namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// Mutates a valid import file (<see cref="ImportSeedFiles"/>) the ways spreadsheets and scripts get files wrong: a CSV cell
/// replaced by a hostile value (negative, huge, wrong date, bad quoting, formula, control characters), a value missing or
/// extra, a row repeated, a header column unknown or repeated or missing; a JSON Lines record mutated like a webhook body
/// (<see cref="PayloadMutator"/>); and the whole file truncated, bit-flipped or not UTF-8. Deterministic for a seed.
/// </summary>
public static class ImportFileMutator
{
    private static readonly string[] _hostileCells =
    [
        string.Empty, " ", "-5", "-0.01", "1e400", "99999999999999999999999999999", "2147483648", "\"12,50\"", "12.505", "2026-02-30",
        "2026-13-01", "31/12/2026", "2026-07-01T09:30:00", "abc", "\"unterminated", "a\"b", "=HYPERLINK(\"http://x\")", "NaN", "Infinity",
        "0x10", new string('A', 5_000), "a\0b", "é漢", "true", "null", "\"\"", "+1", "1_000",
    ];

    private enum FileMutation
    {
        HostileCell,
        MissingCell,
        ExtraCell,
        RepeatedRow,
        UnknownColumn,
        RepeatedColumn,
        NoHeader,
        JsonRecord,
        WholeFile,
    }

    public static ImportMutant Mutate(ImportSeedFile file, int seed)
    {
        ArgumentNullException.ThrowIfNull(file);
        var random = new Random(seed);
        var lines = file.Text.Split('\n').ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var kinds = file.IsCsv
            ? new[] { FileMutation.HostileCell, FileMutation.HostileCell, FileMutation.HostileCell, FileMutation.MissingCell, FileMutation.ExtraCell, FileMutation.RepeatedRow, FileMutation.UnknownColumn, FileMutation.RepeatedColumn, FileMutation.NoHeader, FileMutation.WholeFile }
            : new[] { FileMutation.JsonRecord, FileMutation.JsonRecord, FileMutation.JsonRecord, FileMutation.RepeatedRow, FileMutation.WholeFile };
        var kind = kinds[random.Next(kinds.Length)];
        var firstRow = file.IsCsv ? 1 : 0;
        var row = firstRow + random.Next(lines.Count - firstRow);
        string description;
        int? line = row + 1;
        switch (kind)
        {
            case FileMutation.HostileCell:
                var cells = SplitCsv(lines[row]);
                var column = random.Next(cells.Count);
                var value = _hostileCells[random.Next(_hostileCells.Length)];
                cells[column] = value;
                lines[row] = string.Join(',', cells);
                description = $"line {row + 1} column {column + 1} ({SplitCsv(lines[0]).ElementAtOrDefault(column)}) -> {Shorten(value)}";
                break;
            case FileMutation.MissingCell:
                var fewer = SplitCsv(lines[row]);
                fewer.RemoveAt(random.Next(fewer.Count));
                lines[row] = string.Join(',', fewer);
                description = $"line {row + 1} has one value fewer than the header";
                break;
            case FileMutation.ExtraCell:
                lines[row] += ",extra";
                description = $"line {row + 1} has one value more than the header";
                break;
            case FileMutation.RepeatedRow:
                lines.Insert(row + 1, lines[row]);
                line = row + 2;
                description = $"line {row + 1} repeated as line {row + 2}";
                break;
            case FileMutation.UnknownColumn:
                var header = SplitCsv(lines[0]);
                var renamed = random.Next(header.Count);
                description = $"header column {renamed + 1} ({header[renamed]}) renamed";
                header[renamed] += "_x";
                lines[0] = string.Join(',', header);
                line = 1;
                break;
            case FileMutation.RepeatedColumn:
                var names = SplitCsv(lines[0]);
                var repeated = random.Next(names.Count);
                var other = (repeated + 1) % names.Count;
                description = $"header column {other + 1} ({names[other]}) renamed to {names[repeated]}";
                names[other] = names[repeated];
                lines[0] = string.Join(',', names);
                line = 1;
                break;
            case FileMutation.NoHeader:
                lines.RemoveAt(0);
                description = "header row removed";
                line = 1;
                break;
            case FileMutation.JsonRecord:
                var mutant = PayloadMutator.Mutate(Encoding.UTF8.GetBytes(lines[row]), random.Next(), compact: true);
                var text = Encoding.UTF8.GetString(mutant.Body);
                if (text.Contains('\n', StringComparison.Ordinal))
                {
                    // A byte flip that made a line break splits the record: then it is not a one-line change.
                    line = null;
                }

                lines[row] = text;
                description = $"line {row + 1}: {mutant.Description}";
                break;
            default:
                var whole = PayloadMutator.Apply(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), [WholeFileKind(random)], random);
                return new ImportMutant(file, $"whole file: {whole.Description}", whole.Body, null);
        }

        return new ImportMutant(file, description, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), line);
    }

    private static MutationKind WholeFileKind(Random random) =>
        new[] { MutationKind.Truncate, MutationKind.FlipByte, MutationKind.InvalidUtf8, MutationKind.NotAnObject }[random.Next(4)];

    /// <summary>Splits one CSV record into its raw fields (quotes kept), honouring quoted commas; the seeds have no line breaks in values.</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        fields.Add(current.ToString());
        return fields;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + string.Create(CultureInfo.InvariantCulture, $"... ({text.Length} characters)");
}
