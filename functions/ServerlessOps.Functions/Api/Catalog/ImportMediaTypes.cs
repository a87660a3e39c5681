using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Functions.Api.Catalog;

/// <summary>The media types an import is posted as.</summary>
internal static class ImportMediaTypes
{
    public const string Csv = "text/csv";
    public const string JsonLines = "application/x-ndjson";

    /// <summary>Also accepted for JSON Lines: the newer registration and a common alias.</summary>
    private static readonly string[] _jsonLinesAliases = [JsonLines, "application/jsonl", "application/jsonlines"];

    public static string Of(ImportFormat format) => format == ImportFormat.Csv ? Csv : JsonLines;

    public static bool TryParse(string? contentType, out ImportFormat format)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        format = ImportFormat.Csv;
        if (string.Equals(mediaType, Csv, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        format = ImportFormat.JsonLines;
        return _jsonLinesAliases.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
    }
}
