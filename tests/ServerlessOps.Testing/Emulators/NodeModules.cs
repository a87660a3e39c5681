using System.Diagnostics;

namespace ServerlessOps.Testing.Emulators;

/// <summary>
/// Makes sure <c>infra/local/node_modules</c> is installed, running <c>npm ci</c> at most once even when
/// several test assemblies start at the same moment (a lock file in infra/local serialises them).
/// </summary>
public static class NodeModules
{
    private static readonly SemaphoreSlim _inProcess = new(1, 1);
    private static readonly TimeSpan _installTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Files that must exist for node_modules to count as installed: the entry scripts the fixtures start, and
    /// npm's hidden lockfile, which npm writes near the end of an install (so a half-done install in another
    /// process does not count).
    /// </summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
    [
        Path.Combine("node_modules", ".package-lock.json"),
        Path.Combine("node_modules", "azurite", "dist", "src", "blob", "main.js"),
        Path.Combine("node_modules", "azurite", "dist", "src", "queue", "main.js"),
        Path.Combine("node_modules", "azurite", "dist", "src", "table", "main.js"),
        Path.Combine("node_modules", "@vercel", "cosmosdb-server", "lib", "index.js"),
    ];

    /// <summary>True when every required entry script is present under infra/local.</summary>
    public static bool IsInstalled() =>
        RequiredFiles.All(f => File.Exists(Path.Combine(RepositoryPaths.LocalStack, f)));

    /// <summary>Runs <c>npm ci --no-audit --no-fund</c> in infra/local unless node_modules is already there.</summary>
    /// <exception cref="EmulatorStartException">npm failed or timed out; the message carries its output.</exception>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        if (IsInstalled())
        {
            return;
        }

        await _inProcess.WaitAsync(cancellationToken);
        try
        {
            await using var fileLock = await AcquireFileLockAsync(cancellationToken);
            if (IsInstalled())
            {
                return;
            }

            await RunNpmCiAsync(cancellationToken);
        }
        finally
        {
            _inProcess.Release();
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(RepositoryPaths.LocalStack, ".npm-ci.lock");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_installTimeout);
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock on Unix) that other processes see.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another process holds the lock while it installs: poll until it is done.
                await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
            }
        }
    }

    private static async Task RunNpmCiAsync(CancellationToken cancellationToken)
    {
        var output = new OutputBuffer(200);
        var info = new ProcessStartInfo("npm")
        {
            WorkingDirectory = RepositoryPaths.LocalStack,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["ci", "--no-audit", "--no-fund"])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        if (!process.Start())
        {
            throw new EmulatorStartException("Could not start npm: is Node.js installed and on PATH?");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_installTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new EmulatorStartException(
                $"npm ci in '{RepositoryPaths.LocalStack}' did not finish within {_installTimeout}. Output:{Environment.NewLine}{output}");
        }

        if (process.ExitCode != 0 || !IsInstalled())
        {
            throw new EmulatorStartException(
                $"npm ci in '{RepositoryPaths.LocalStack}' exited with {process.ExitCode}. Output:{Environment.NewLine}{output}");
        }
    }
}
