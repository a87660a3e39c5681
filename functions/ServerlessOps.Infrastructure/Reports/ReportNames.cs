using System.Text.RegularExpressions;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// Names of report blobs, <c>{brandId}/{kind}/{period}/{version}/{file}</c> (kind lower-case: <c>acme/monthly/2026-11/3f2a…/review.xlsx</c>),
/// and the rules their parts follow so a name can never step outside its brand's folder.
/// </summary>
public static partial class ReportNames
{
    public static string Kind(ReportKind kind) => kind switch
    {
        ReportKind.Monthly => "monthly",
        ReportKind.Weekly => "weekly",
        ReportKind.Daily => "daily",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a report kind."),
    };

    public static bool TryParseKind(string? text, out ReportKind kind)
    {
        foreach (var candidate in Enum.GetValues<ReportKind>())
        {
            if (string.Equals(text, Kind(candidate), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static string Blob(string brandId, ReportKind kind, string period, string version, string fileName) =>
        $"{brandId}/{Kind(kind)}/{period}/{version}/{fileName}";

    /// <summary>Problems with a publication's names, empty when it can be written.</summary>
    public static IEnumerable<string> Problems(ReportPublication publication)
    {
        if (!BrandIds.IsValid(publication.BrandId))
        {
            yield return $"brandId '{publication.BrandId}' is not a brand id ({BrandIds.Rule}).";
        }

        if (!IsPeriod(publication.Period))
        {
            yield return $"period '{publication.Period}' is not a period (2026-11, 2026-W47 or 2026-11-30).";
        }

        if (publication.Files.Count == 0)
        {
            yield return "a report needs at least one file.";
        }

        foreach (var file in publication.Files.Where(f => !IsFileName(f.Name)))
        {
            yield return $"file name '{file.Name}' must be 1-64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.";
        }

        foreach (var twice in publication.Files.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"file '{twice.Key}' is given {twice.Count()} times.";
        }
    }

    public static bool IsPeriod(string? period) => period is not null && PeriodPattern().IsMatch(period);

    public static bool IsFileName(string? name) => name is not null && FileNamePattern().IsMatch(name);

    [GeneratedRegex("^[0-9]{4}-(?:[0-9]{2}|W[0-9]{2}|[0-9]{2}-[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
