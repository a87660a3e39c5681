namespace ServerlessOps.Testing.BadInput;

/// <summary>A valid import file to mutate: its route kind slug (<c>catalog</c>, <c>orders</c>, …), media type and text.</summary>
public sealed record ImportSeedFile(string Kind, string MediaType, string Text)
{
    public const string Csv = "text/csv";
    public const string JsonLines = "application/x-ndjson";

    public bool IsCsv => MediaType == Csv;

    public override string ToString() => $"{Kind} ({MediaType})";
}
