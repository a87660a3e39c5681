namespace ServerlessOps.Domain.Review.Import;

/// <summary>The evidence pointer every imported review row carries: <c>import:{importId}:line:{n}</c>.</summary>
public static class SourceRows
{
    public static string Of(string importId, int line) => $"import:{importId}:line:{line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
