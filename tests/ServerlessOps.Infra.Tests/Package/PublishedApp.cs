using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using ServerlessOps.Testing;

[assembly: AssemblyFixture(typeof(ServerlessOps.Infra.Tests.Package.PublishedApp))]

namespace ServerlessOps.Infra.Tests.Package;

/// <summary>
/// The function app published into a temporary folder once per test run, from the build this test project already
/// made of it (<c>dotnet publish --no-build</c>, this assembly's configuration): the Worker SDK's publish step writes
/// the same root files, <c>functions.metadata</c> and <c>.azurefunctions/</c> that package.sh zips, in seconds,
/// and on a fresh clone without package.sh having run. (package.sh adds <c>-r linux-x64</c>, which changes only
/// where native libraries sit.)
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(3);

    /// <summary>functions/ServerlessOps.Functions.</summary>
    public static string ProjectDirectory => Path.Combine(RepositoryPaths.Root, "functions", "ServerlessOps.Functions");

    /// <summary>The publish folder.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "serverlessops-publish-" + Guid.NewGuid().ToString("N"));

    /// <summary>What publishing printed, for assertion messages.</summary>
    public string PublishOutput { get; private set; } = string.Empty;

    /// <summary>functions.metadata: one entry per function.</summary>
    public IReadOnlyList<JsonObject> Functions =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "functions.metadata")))!.AsArray().Select(f => f!.AsObject()).ToList();

    /// <summary>host.json as published.</summary>
    public JsonObject HostJson => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "host.json")))!.AsObject();

    public async ValueTask InitializeAsync()
    {
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", Path.Combine(ProjectDirectory, "ServerlessOps.Functions.csproj"),
            "-c", configuration, "--no-build", "-o", Directory, "-nologo",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var result = await Run(start, TestContext.Current.CancellationToken);
        PublishOutput = result.Output;
        Assert.True(result.ExitCode == 0, $"dotnet publish --no-build failed (exit {result.ExitCode}):\n{result.Output}");
    }

    public ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Runs a process to its end within <see cref="_timeout"/>; exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> Run(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {_timeout}.");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
