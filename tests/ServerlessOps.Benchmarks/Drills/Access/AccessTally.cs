using System.Globalization;
using System.Text;

namespace ServerlessOps.Benchmarks.Drills.Access;

/// <summary>One route group's counts: calls made, refused as the access rule says, let through although they should not have been, audit entries.</summary>
internal sealed class AccessTally(string group)
{
    public string Group { get; } = group;

    public int Calls { get; set; }

    public int Refused { get; set; }

    public int WronglyAllowed { get; set; }

    /// <summary>Calls a rule leaves open on purpose (health, the API description).</summary>
    public int OpenByDesign { get; set; }

    public int AuditExpected { get; set; }

    public int AuditFound { get; set; }

    public List<string> Findings { get; } = [];

    public static string Table(IEnumerable<AccessTally> tallies, int leaks)
    {
        var rows = tallies.OrderBy(t => t.Group, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.AppendLine("| route group | calls | refused as expected | wrongly allowed (must be 0) | open by design | audit entries expected/found |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var t in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {t.Group} | {t.Calls} | {t.Refused} | {t.WronglyAllowed} | {t.OpenByDesign} | {t.AuditExpected}/{t.AuditFound} |"));
        }

        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| **all** | {rows.Sum(t => t.Calls)} | {rows.Sum(t => t.Refused)} | {rows.Sum(t => t.WronglyAllowed)} | {rows.Sum(t => t.OpenByDesign)} | {rows.Sum(t => t.AuditExpected)}/{rows.Sum(t => t.AuditFound)} |"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"\nleaks found in the app's output and the answers (must be 0): {leaks}"));
        return text.ToString();
    }
}
