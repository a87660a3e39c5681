namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>
/// One record of an import file as text, whatever the format: its line, the values by field name (case-insensitive;
/// absent and empty both read as null), and how to name a field's place on the line in an error.
/// </summary>
public sealed class ImportRow
{
    private readonly Dictionary<string, string?> _values;
    private readonly Func<string, string> _locate;

    /// <param name="locate">Names a field's place: <c>listPrice (column 6)</c> in CSV, <c>$.listPrice</c> in JSON Lines.</param>
    public ImportRow(int line, IReadOnlyDictionary<string, string?> values, Func<string, string> locate)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(locate);
        Line = line;
        _values = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        _locate = locate;
    }

    public int Line { get; }

    /// <summary>The field's text, or null when absent or empty.</summary>
    public string? this[string field] => _values.TryGetValue(field, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>An error about <paramref name="field"/> on this row.</summary>
    public ImportError Error(string field, string message) => new(Line, _locate(field), message);
}
