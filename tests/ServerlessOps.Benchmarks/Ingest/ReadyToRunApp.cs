using System.Diagnostics;
using ServerlessOps.Testing;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// The function app published the way the Azure package ships it (<c>infra/azure/package.sh</c>: Release, linux-x64,
/// ReadyToRun), for runs that measure a new instance's first seconds as Azure would see them. The build output the
/// tests run is JIT-compiled, and an idle app's first second of a 500/s burst spent 98-192 ms p99 compiling.
/// </summary>
internal static class ReadyToRunApp
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(10);

    /// <returns>The published ServerlessOps.Functions.dll.</returns>
    public static async Task<string> PublishAsync(CancellationToken cancellationToken)
    {
        var output = Path.Combine(RepositoryPaths.Root, "artifacts", "ready-to-run", "ServerlessOps.Functions");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "publish", Path.Combine(RepositoryPaths.Root, "functions", "ServerlessOps.Functions"), "-c", "Release", "-r", "linux-x64",
            "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "-nologo", "-v", "quiet",
        })
        {
            start.ArgumentList.Add(argument);
        }

        Console.WriteLine($"publishing the app ReadyToRun to {output} (as infra/azure/package.sh does) ...");
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = publish.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = publish.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(PublishLimit);
        try
        {
            await publish.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            throw;
        }

        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return Path.Combine(output, "ServerlessOps.Functions.dll");
    }
}
