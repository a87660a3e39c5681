using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Hosting;

/// <summary>
/// The app as a process picks a port that is free when picked and binds it later; in a busy run something else can
/// take it in between (CI saw Kestrel's "address already in use" end a test). The start then tries another port.
/// </summary>
public sealed class FunctionAppProcessPortTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_WhenItsPortIsTakenBeforeTheAppBindsIt_StartsOnTheNextPort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var free = FreePort.Next();
        var ports = new Queue<int>([taken, free]);
        var output = new ConcurrentQueue<string>();

        await using var app = await FunctionAppProcess.StartAsync(
            fixture.Settings(LocalStackSettings.NewRunId()), output.Enqueue, FunctionAppProcess.AppAssemblyPath(), ports.Dequeue, Token);

        Assert.Equal(free, app.BaseAddress.Port);
        Assert.Empty(ports);
        Assert.Contains(output, line => line.Contains($"127.0.0.1:{taken}: address already in use", StringComparison.OrdinalIgnoreCase));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var health = await http.GetAsync(new Uri("api/health", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Start_WhenEveryPortItIsGivenIsTaken_GivesUpAfterItsAttempts_SayingWhy()
    {
        var squatters = Enumerable.Range(0, FunctionAppProcess.StartAttempts).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            squatters.ForEach(squatter => squatter.Start());
            var ports = new Queue<int>(squatters.Select(squatter => ((IPEndPoint)squatter.LocalEndpoint).Port));

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionAppProcess.StartAsync(
                fixture.Settings(LocalStackSettings.NewRunId()), onOutputLine: null, FunctionAppProcess.AppAssemblyPath(), ports.Dequeue, Token));

            Assert.Empty(ports);
            Assert.Contains("address already in use", failure.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            squatters.ForEach(squatter => squatter.Dispose());
        }
    }
}
