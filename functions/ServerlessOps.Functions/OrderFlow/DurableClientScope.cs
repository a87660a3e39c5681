using Microsoft.DurableTask.Client;

namespace ServerlessOps.Functions.OrderFlow;

/// <summary>
/// The durable client of the function running now. In Azure the Durable extension hands its client to a function only
/// through a <c>[DurableClient]</c> binding, never through DI, so the wrappers of functions that converge orders (the
/// delivery queue, replay, the backstop) put their bound client here for the call; <see cref="DurableOrderFlowStarter"/>
/// reads it. The standalone host's client is a service and needs no scope.
/// </summary>
public static class DurableClientScope
{
    private static readonly AsyncLocal<DurableTaskClient?> _current = new();

    public static DurableTaskClient? Current => _current.Value;

    /// <summary>Makes <paramref name="client"/> current for the calls awaited inside the returned scope.</summary>
    public static async Task<T> RunAsync<T>(DurableTaskClient? client, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var previous = _current.Value;
        _current.Value = client ?? previous;
        try
        {
            return await work();
        }
        finally
        {
            _current.Value = previous;
        }
    }

    /// <inheritdoc cref="RunAsync{T}(DurableTaskClient?, Func{Task{T}})"/>
    public static Task RunAsync(DurableTaskClient? client, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync<bool>(client, async () =>
        {
            await work();
            return true;
        });
    }
}
