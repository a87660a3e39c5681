namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>One thing wrong in an import file.</summary>
/// <param name="Line">1-based line of the file (a CSV file's header is line 1).</param>
/// <param name="Column">Where on the line: a CSV column as <c>listPrice (column 6)</c>, a JSON Lines member as <c>$.listPrice</c>; null for the whole line.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ImportError(int Line, string? Column, string Message);
