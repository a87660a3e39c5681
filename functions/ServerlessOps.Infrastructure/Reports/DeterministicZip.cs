using System.IO.Compression;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// Writes a zip (an xlsx package) again with every entry's time fixed, in the same order with the same compression,
/// so the same content gives the same bytes. System.IO.Packaging stamps each entry with the time it was written.
/// </summary>
internal static class DeterministicZip
{
    /// <summary>1980-01-01, the earliest time a zip entry can hold: clearly not a real write time.</summary>
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalize(byte[] zip)
    {
        using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var target = new MemoryStream();
        using (var archive = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = archive.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = EntryTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return target.ToArray();
    }
}
