using System.Diagnostics;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Testing.LocalStack;

/// <summary>
/// The function app as a real child process (`dotnet ServerlessOps.Functions.dll`) on a free 127.0.0.1 port,
/// configured through environment variables exactly as app settings configure it in Azure. Used where a
/// test must kill the process (crash recovery), by the quick start and by the benchmark.
/// </summary>
public sealed class FunctionAppProcess : IAsyncDisposable
{
    /// <summary>Ports tried before a start that cannot bind gives up.</summary>
    public const int StartAttempts = 3;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly OutputLines _output;

    private FunctionAppProcess(Process process, Uri baseAddress, OutputLines output)
    {
        _process = process;
        BaseAddress = baseAddress;
        _output = output;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the app wrote, for failure messages.</summary>
    public string RecentOutput => _output.Text;

    /// <summary>Whether the app's output says Kestrel found its port taken.</summary>
    private bool CouldNotBindItsPort => RecentOutput.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    /// <param name="settings">App settings, with ':' or '__' as the separator.</param>
    public static Task<FunctionAppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default) =>
        StartAsync(settings, onOutputLine: null, cancellationToken);

    /// <param name="settings">App settings, with ':' or '__' as the separator.</param>
    /// <param name="onOutputLine">Called with every line the app writes to stdout or stderr (all of them, not only the recent ones), e.g. to scan its logs.</param>
    /// <param name="cancellationToken">Bounds the wait for the app to answer its health route.</param>
    public static Task<FunctionAppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, Action<string>? onOutputLine, CancellationToken cancellationToken = default) =>
        StartAsync(settings, onOutputLine, AppAssemblyPath(), cancellationToken);

    /// <param name="settings">App settings, with ':' or '__' as the separator.</param>
    /// <param name="onOutputLine">Called with every line the app writes to stdout or stderr.</param>
    /// <param name="appAssembly">ServerlessOps.Functions.dll to run, e.g. from a publish output instead of the build's.</param>
    /// <param name="cancellationToken">Bounds the wait for the app to answer its health route.</param>
    public static Task<FunctionAppProcess> StartAsync(
        IReadOnlyDictionary<string, string> settings, Action<string>? onOutputLine, string appAssembly, CancellationToken cancellationToken = default) =>
        StartAsync(settings, onOutputLine, appAssembly, FreePort.Next, cancellationToken);

    /// <summary>
    /// Starts the app on the port <paramref name="pickPort"/> gives, and on the next one it gives when the app could not
    /// bind it (up to <see cref="StartAttempts"/> ports): a port picked as free is released before the app binds it, and
    /// in a busy test run another process, or an outgoing connection's local port, can take it in between.
    /// </summary>
    /// <param name="settings">App settings, with ':' or '__' as the separator.</param>
    /// <param name="onOutputLine">Called with every line the app writes to stdout or stderr.</param>
    /// <param name="appAssembly">ServerlessOps.Functions.dll to run.</param>
    /// <param name="pickPort">The ports to try, in turn (<see cref="FreePort.Next()"/> unless a test chooses them).</param>
    /// <param name="cancellationToken">Bounds the wait for the app to answer its health route.</param>
    public static async Task<FunctionAppProcess> StartAsync(
        IReadOnlyDictionary<string, string> settings,
        Action<string>? onOutputLine,
        string appAssembly,
        Func<int> pickPort,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(appAssembly);
        ArgumentNullException.ThrowIfNull(pickPort);
        for (var attempt = 1; ; attempt++)
        {
            var app = Launch(settings, onOutputLine, appAssembly, pickPort());
            try
            {
                await app.WaitUntilHealthyAsync(cancellationToken);
                return app;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && app.HasExited && app.CouldNotBindItsPort)
            {
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }

    private static FunctionAppProcess Launch(IReadOnlyDictionary<string, string> settings, Action<string>? onOutputLine, string appAssembly, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(appAssembly)!,
        };
        start.ArgumentList.Add(appAssembly);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Hosting__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Hosting__SettingsFile"] = "/nonexistent/local.settings.json";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new OutputLines();
        void Received(string? line)
        {
            output.Add(line);
            if (line is not null)
            {
                onOutputLine?.Invoke(line);
            }
        }

        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new FunctionAppProcess(process, new Uri($"http://127.0.0.1:{port}/"), output);
    }

    /// <summary>SIGKILL: no shutdown hooks run, in-flight work is simply gone, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Ask politely first (Ctrl+C equivalent), so the app drains; kill if it does not stop in time.
            _process.StandardInput.Close();
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit(2000);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The function app exited with code {_process.ExitCode} while starting:\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first request.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The function app did not answer /api/health within {StartTimeout.TotalSeconds} s:\n{RecentOutput}");
    }

    /// <summary>ServerlessOps.Functions.dll in the same artifacts tree as the calling assembly (artifacts/{slot}/bin/{project}/{config}/).</summary>
    public static string AppAssemblyPath()
    {
        var path = Path.Combine(AppOutputDirectory(), "ServerlessOps.Functions.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build functions/ServerlessOps.Functions first: {path} is missing (the calling project must reference it).", path);
    }

    /// <summary>The function app's build output beside the calling assembly's: the dll, host.json, functions.metadata.</summary>
    public static string AppOutputDirectory()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Name;
        var bin = here.Parent?.Parent ?? throw new InvalidOperationException($"Unexpected output folder {here.FullName}.");
        return Path.Combine(bin.FullName, "ServerlessOps.Functions", configuration);
    }

    private sealed class OutputLines
    {
        private const int Keep = 200;
        private readonly Queue<string> _lines = new();

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return string.Join('\n', _lines);
                }
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > Keep)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
