using System.Reflection;
using System.Text;

namespace ServerlessOps.Testing.Bicep;

/// <summary>Runs the Bicep CLI that NuGet restored for ServerlessOps.Testing (or <c>BICEP_PATH</c>).</summary>
public static class BicepCli
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);

    /// <summary>The bicep executable.</summary>
    public static string ExecutablePath { get; } = Locate();

    /// <summary>Runs bicep with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static async Task<BicepResult> RunAsync(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var result = await ToolProcess.RunAsync(ExecutablePath, workingDirectory, arguments, input: null, _timeout, cancellationToken);
        return new BicepResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BICEP_PATH");
        var path = !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "BicepPath").Value!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Bicep CLI not found at '{path}'. It comes from the Azure.Bicep.CommandLine.linux-x64 package restore (or set BICEP_PATH).", path);
        }

        // NuGet extracts the binary without guaranteeing the executable bit.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}

/// <summary>Exit code and output of one bicep run.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Warning and error lines bicep printed, each once (imported modules repeat theirs).</summary>
    public IReadOnlyList<string> Diagnostics =>
        (StandardOutput + "\n" + StandardError)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal) || line.Contains(" : Error ", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Everything bicep printed, for assertion messages.</summary>
    public string Output => new StringBuilder().AppendLine(StandardOutput).AppendLine(StandardError).ToString();
}
