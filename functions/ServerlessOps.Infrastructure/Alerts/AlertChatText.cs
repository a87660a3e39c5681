using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// Makes text that came from outside (SKUs, order ids, titles, messages and evidence built from channel data) inert in
/// a chat message, so a SKU such as <c>&lt;!channel&gt;</c> cannot ping a brand's whole channel or render a link.
/// </summary>
internal static partial class AlertChatText
{
    /// <summary>
    /// Slack's rule for message text: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> become <c>&amp;amp;</c>, <c>&amp;lt;</c>,
    /// <c>&amp;gt;</c>, which takes apart every control sequence (<c>&lt;!here&gt;</c>, <c>&lt;@U123&gt;</c>,
    /// <c>&lt;http://x|y&gt;</c>); Teams renders the text as markdown with an HTML subset, where the same entities show
    /// as the characters. A bare <c>@here</c>, <c>@channel</c>, <c>@all</c> or <c>@name</c> pings in Slack-compatible
    /// webhooks (Mattermost, Discord), so a zero-width space after an <c>@</c> that starts a word breaks it up
    /// without changing what people read; an e-mail address (the <c>@</c> inside a word) is left alone.
    /// </summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return MentionStart().Replace(escaped.ToString(), "@\u200B");
    }

    /// <summary>An <c>@</c> not preceded by a letter, digit, dot or underscore and followed by a word character.</summary>
    [GeneratedRegex(@"(?<![\w.])@(?=\w)", RegexOptions.CultureInvariant)]
    private static partial Regex MentionStart();
}
