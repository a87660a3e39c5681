using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ServerlessOps.Testing.Emulators;

/// <summary>
/// A Node.js emulator started from infra/local: its output is kept (last lines) for error messages,
/// it counts as started once every given loopback port accepts, and disposing kills its whole process tree.
/// </summary>
/// <remarks>
/// Stdin is a pipe that is never written: the scripts in infra/local exit when it closes, so a crashed
/// test host leaves no emulator behind.
/// </remarks>
public sealed class EmulatorProcess : IAsyncDisposable
{
    /// <summary>How long a start may take before it fails: 60 s.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan _exitTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly OutputBuffer _output;
    private int _disposed;

    private EmulatorProcess(string name, Process process, OutputBuffer output, IReadOnlyList<int> ports)
    {
        Name = name;
        _process = process;
        _output = output;
        Ports = ports;
        ProcessId = process.Id;
    }

    /// <summary>A name for messages, such as "Azurite".</summary>
    public string Name { get; }

    /// <summary>The id of the node process (the one that listens, not a launcher).</summary>
    public int ProcessId { get; }

    /// <summary>The loopback ports that answered at start.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string RecentOutput => _output.ToString();

    /// <summary>
    /// Starts <c>node</c> with <paramref name="arguments"/> in infra/local (installing node_modules first if
    /// missing) and waits until every port in <paramref name="ports"/> accepts a TCP connection on 127.0.0.1.
    /// </summary>
    /// <param name="name">A name for messages.</param>
    /// <param name="arguments">Arguments to node; paths are relative to infra/local.</param>
    /// <param name="ports">Ports that must accept before the start counts as done.</param>
    /// <param name="startTimeout">Deadline for the ports to answer; default <see cref="DefaultStartTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the start (the process is then killed).</param>
    /// <exception cref="EmulatorStartException">The process exited early or the ports did not answer in time.</exception>
    public static async Task<EmulatorProcess> StartNodeAsync(
        string name,
        IReadOnlyList<string> arguments,
        IReadOnlyList<int> ports,
        TimeSpan? startTimeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(ports);

        await NodeModules.EnsureInstalledAsync(cancellationToken);

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.LocalStack,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }

        var output = new OutputBuffer(200);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            if (!process.Start())
            {
                throw new EmulatorStartException($"Could not start node for {name}: is Node.js installed and on PATH?");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new EmulatorStartException($"Could not start node for {name}: is Node.js installed and on PATH?", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var emulator = new EmulatorProcess(name, process, output, ports);
        try
        {
            await emulator.WaitForPortsAsync(startTimeout ?? DefaultStartTimeout, cancellationToken);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the process and everything it started, and waits (up to 10 s) for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(_exitTimeout);
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // The process ended between the check and the kill: nothing left to stop.
        }
        catch (OperationCanceledException)
        {
            // SIGKILL could not be ignored; the OS reaps it. Do not hang a test run's teardown on it.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitForPortsAsync(TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(startTimeout);
        foreach (var port in Ports)
        {
            try
            {
                while (!await AcceptsAsync(port, deadline.Token))
                {
                    if (_process.HasExited)
                    {
                        throw new EmulatorStartException(
                            $"{Name} exited with code {_process.ExitCode} before port {port} answered. Output:{Environment.NewLine}{RecentOutput}",
                            processExited: true);
                    }

                    await Task.Delay(_pollInterval, deadline.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new EmulatorStartException(
                    $"{Name} did not accept on 127.0.0.1:{port} within {startTimeout.TotalSeconds:0} s. Output:{Environment.NewLine}{RecentOutput}");
            }
        }
    }

    /// <summary>True when something accepts a TCP connection on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
