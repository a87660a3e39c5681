using System.Diagnostics;
using ServerlessOps.Standalone.Durable;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>
/// The TestWorker: the standalone engine in a process of its own on a given task hub, configured the way an app is
/// in Azure (app settings as environment variables). Can be stopped gracefully or killed with SIGKILL.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const string AssemblyName = "ServerlessOps.Standalone.TestWorker";

    private readonly Process _process;
    private readonly TaskCompletionSource<(int ProcessId, string WorkerId)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public int ProcessId { get; private set; }

    public string WorkerId { get; private set; } = string.Empty;

    public bool HasExited => _process.HasExited;

    public static async Task<WorkerProcess> StartAsync(AzuriteFixture azurite, string hubName, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(FindWorker());
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["TestTaskHub"] = hubName;
        foreach (var (key, value) in overrides)
        {
            start.Environment[(DurableTaskSettings.SectionName + ":" + key).Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the TestWorker."));
        worker._process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        try
        {
            (worker.ProcessId, worker.WorkerId) = await Deadline.WithinAsync(worker._ready.Task, "the TestWorker to start");
        }
        catch (TimeoutException e)
        {
            await worker.DisposeAsync();
            throw new TimeoutException($"{e.Message} Its output:{Environment.NewLine}{worker.Output}", e);
        }

        return worker;
    }

    /// <summary>What the worker printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown, leases and dequeued messages stay where they are until they expire.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(Deadline.Token());
    }

    /// <summary>A graceful stop: running work finishes and the worker's partitions are released.</summary>
    public async Task StopAsync()
    {
        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync();
        await _process.WaitForExitAsync(Deadline.Token());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static string FindWorker()
    {
        // Built beside the tests (ProjectReference): artifacts/<slot>/bin/<project>/<configuration>/.
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(tests.Parent!.Parent!.FullName, AssemblyName, tests.Name, AssemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The TestWorker is not built at '{path}'; build tests/ServerlessOps.Standalone.Tests (it references the worker).", path);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.StartsWith("READY ", StringComparison.Ordinal) && line.Split(' ') is [_, var pid, var workerId])
        {
            _ready.TrySetResult((int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture), workerId));
        }
    }
}
