namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>A parsed record and the line it came from (a stock count's movement cause names the line).</summary>
public sealed record ImportLine<T>(int Line, T Value);
