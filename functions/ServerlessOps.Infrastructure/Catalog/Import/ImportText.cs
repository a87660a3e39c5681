namespace ServerlessOps.Infrastructure.Catalog.Import;

internal static class ImportText
{
    /// <summary>At most 40 characters of what was found, quoted, so an error never echoes a whole line.</summary>
    public static string Quote(string? text) => text is null ? "''" : text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}…'";
}
