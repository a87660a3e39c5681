using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// Runs a non-HTTP function the way the Functions host's worker does: activates the function class from the app's
/// services and calls the method that carries its <c>[Function]</c> attribute, so the wrapper is what the test drives.
/// </summary>
internal static class FunctionInvoker
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A queue trigger: (message, dequeueCount, cancellationToken).</summary>
    public static Task QueueAsync<TFunction>(TestApp app, string message, long dequeueCount = 1)
        where TFunction : class =>
        InvokeAsync<TFunction>(app, message, dequeueCount, Token);

    /// <summary>A timer trigger: (timerInfo, cancellationToken).</summary>
    public static Task TimerAsync<TFunction>(TestApp app)
        where TFunction : class =>
        InvokeAsync<TFunction>(app, new TimerInfo(), Token);

    /// <summary>
    /// Calls the <c>[Function]</c> method with <paramref name="arguments"/> in order, and a <c>[DurableClient]</c>
    /// parameter bound as the host binds it: the app's <see cref="DurableTaskClient"/>.
    /// </summary>
    private static Task InvokeAsync<TFunction>(TestApp app, params object[] arguments)
        where TFunction : class
    {
        var function = ActivatorUtilities.CreateInstance<TFunction>(app.Services);
        var method = typeof(TFunction).GetMethods().Single(m => m.GetCustomAttribute<FunctionAttribute>() is not null);
        var given = new Queue<object>(arguments);
        var bound = method.GetParameters()
            .Select(p => p.ParameterType == typeof(DurableTaskClient) ? app.Services.GetRequiredService<DurableTaskClient>() : given.Dequeue())
            .ToArray();
        return (Task)method.Invoke(function, bound)!;
    }
}
