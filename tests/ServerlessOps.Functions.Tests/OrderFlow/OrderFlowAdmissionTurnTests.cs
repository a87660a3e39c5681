using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessOps.Functions.OrderFlow;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The turns admission hands out, over a stated backlog reading (pure unit tests: the engine-backed behaviour is in
/// <see cref="OrderFlowAdmissionTests"/>).
/// </summary>
public sealed class OrderFlowAdmissionTurnTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachReading_AdmitsOnlyTheRoomUnderTheBound_TheRestWaitForTheNext()
    {
        using var meters = Meters();
        var admission = Admission(meters, backlog: 7, maxBacklog: 10, maxWait: TimeSpan.FromMinutes(1));

        var waits = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => admission.WaitForTurnAsync(Token)));

        // The first reading had room for 3; the other 2 were held until the next one.
        Assert.Equal(2, admission.HeldBack);
        Assert.Equal(2, waits.Count(w => w > TimeSpan.Zero));
        Assert.InRange(admission.Reads, 2, 10);
    }

    [Fact]
    public async Task BacklogThatNeverFalls_DelaysAStartByTheLongestWaitOnly()
    {
        using var meters = Meters();
        var admission = Admission(meters, backlog: 100, maxBacklog: 10, maxWait: TimeSpan.FromSeconds(1));

        var waited = await admission.WaitForTurnAsync(Token);

        Assert.InRange(waited, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(10));
        Assert.Equal(1, admission.HeldBack);
        Assert.Equal(0, admission.Waiting);
    }

    private static OrderFlowAdmission Admission(ServiceProvider meters, int backlog, int maxBacklog, TimeSpan maxWait) =>
        new(
            _ => Task.FromResult(new EngineBacklog(backlog, 0)),
            new StaticOptions(new OrderFlowOptions { AdmissionMaxBacklog = maxBacklog, AdmissionSampleInterval = TimeSpan.FromMilliseconds(100), AdmissionMaxWait = maxWait }),
            new OrderFlowAdmissionMetrics(meters.GetRequiredService<IMeterFactory>()),
            TimeProvider.System,
            NullLogger<OrderFlowAdmission>.Instance);

    private static ServiceProvider Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider();

    private sealed class StaticOptions(OrderFlowOptions value) : IOptionsMonitor<OrderFlowOptions>
    {
        public OrderFlowOptions CurrentValue => value;

        public OrderFlowOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OrderFlowOptions, string?> listener) => null;
    }
}
