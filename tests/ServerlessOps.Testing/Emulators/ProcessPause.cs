using System.Diagnostics;

namespace ServerlessOps.Testing.Emulators;

/// <summary>
/// Freezes an emulator process (SIGSTOP) until disposed (SIGCONT): the store stops answering but keeps its
/// connections and its in-memory data, which a restart would lose. The outage tests and drills use it to make a
/// store too slow to answer, as a real one is under an outage or a long pause.
/// </summary>
public sealed class ProcessPause : IDisposable
{
    private readonly int _processId;
    private bool _resumed;

    private ProcessPause(int processId) => _processId = processId;

    /// <summary>Stops the process now; dispose to let it run again.</summary>
    public static ProcessPause Start(int processId)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("Pausing a process needs POSIX signals.");
        }

        Signal(processId, "STOP");
        return new ProcessPause(processId);
    }

    public void Dispose()
    {
        if (!_resumed)
        {
            _resumed = true;
            Signal(_processId, "CONT");
        }
    }

    private static void Signal(int processId, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("kill could not be started.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {processId} failed: {kill.StandardError.ReadToEnd().Trim()}");
        }
    }
}
