using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// A report's version: the first 16 hex digits (64 bits) of SHA-256 over every file's name and SHA-256, in name order.
/// The same files give the same version whatever order they come in; any changed byte gives another.
/// </summary>
internal static class ReportVersion
{
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Of(IEnumerable<ReportFileContent> files)
    {
        var manifest = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            manifest.Append(file.Name).Append('\n').Append(Sha256(file.Content.Span)).Append('\n');
        }

        return Sha256(Encoding.UTF8.GetBytes(manifest.ToString()))[..16];
    }
}
