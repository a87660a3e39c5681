using System.Text.RegularExpressions;

namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// Free text fit for a log line. Payload problems quote what they found (<c>created_at: expected an ISO 8601 time,
/// found "12 Elm Street"</c>), which is what makes a quarantine reason useful to the operator reading the entry, but a
/// mistyped field can hold personal data, and logs must never: the log keeps the path and the expectation, the quoted
/// value becomes <c>"…"</c>. The entry itself keeps the full text (and is scrubbed when the buyer's data is erased).
/// Control characters and line separators become spaces, quoted or not (a value can close its quote early): one text is
/// one log line, never a forged second one.
/// </summary>
public static partial class LogSafeText
{
    public static string WithoutQuotedValues(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unquoted = Quoted().Replace(text, m => m.Value[0] == '"' ? "\"…\"" : "'…'");
        return LineBreaking().Replace(unquoted, " ");
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex("[\\p{Cc}\\u2028\\u2029]", RegexOptions.CultureInvariant)]
    private static partial Regex LineBreaking();
}
