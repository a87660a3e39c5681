namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>How an import file is written: <c>text/csv</c> (a header row, then one row per record) or <c>application/x-ndjson</c> (one JSON object per line).</summary>
public enum ImportFormat
{
    Csv,
    JsonLines,
}
