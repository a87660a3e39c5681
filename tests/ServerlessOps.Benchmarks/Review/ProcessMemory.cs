using System.Globalization;

namespace ServerlessOps.Benchmarks.Review;

/// <summary>
/// A process's memory from /proc: the kernel's high-water mark of its resident set (VmHWM, the peak since the process
/// started) and the resident set now (VmRSS), in bytes; 0 where /proc is not there.
/// </summary>
internal static class ProcessMemory
{
    public static long PeakBytes(int processId) => Field(processId, "VmHWM:");

    public static long ResidentBytes(int processId) => Field(processId, "VmRSS:");

    private static long Field(int processId, string name)
    {
        var path = $"/proc/{processId}/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                var kib = line[name.Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
