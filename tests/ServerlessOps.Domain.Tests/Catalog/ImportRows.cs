using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Domain.Tests.Catalog;

/// <summary>Rows as a JSON Lines file would give them (fields located as <c>$.field</c>).</summary>
internal static class ImportRows
{
    public static ImportRow Row(int line, params (string Field, string? Value)[] values) =>
        new(line, values.ToDictionary(v => v.Field, v => v.Value), field => $"$.{field}");
}
