using System.Globalization;
using CsvHelper;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// <c>pnl.csv</c>: the P&amp;L lines, one per channel and the total last (<c>channel</c> = <c>Total</c>), base currency,
/// invariant culture (a dot for decimals, no thousands separator), RFC 4180 quoting, LF line ends, UTF-8 without BOM.
/// </summary>
internal static class PnlCsv
{
    public const string TotalLabel = "Total";

    private static readonly string[] Header =
    [
        "channel", "currency", "orders", "units", "revenue", "targetRevenue", "fees", "feesEstimated", "adSpend", "refunds", "cogs",
        "contribution", "contributionMarginPercent",
    ];

    public static byte[] Write(MonthlyReport report)
    {
        var options = new CsvWriterOptions { NewLine = "\n", WriteByteOrderMark = false, FormatProvider = CultureInfo.InvariantCulture };
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteRecord(Header);
            foreach (var line in report.Pnl)
            {
                csv.WriteRecord(
                [
                    line.Channel?.ToString() ?? TotalLabel,
                    report.BaseCurrency,
                    Number(line.Orders),
                    Number(line.Units),
                    Number(line.Revenue),
                    line.TargetRevenue is { } target ? Number(target) : string.Empty,
                    Number(line.Fees),
                    line.FeesEstimated ? "true" : "false",
                    Number(line.AdSpend),
                    Number(line.Refunds),
                    Number(line.Cogs),
                    Number(line.Contribution),
                    line.ContributionMarginPercent is { } margin ? Number(margin) : string.Empty,
                ]);
            }

            csv.Flush();
        }

        return stream.ToArray();
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
