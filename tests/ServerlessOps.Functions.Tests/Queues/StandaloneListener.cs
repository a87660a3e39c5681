using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessOps.Standalone.Queues;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>A <see cref="QueueListenerService"/> for one function on Azurite, polling fast, outside any app.</summary>
internal static class StandaloneListener
{
    /// <summary>Client options as the app's: base64, which the Functions queue trigger expects.</summary>
    public static QueueClientOptions ClientOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <param name="configure">Changes to the listener options beyond the fast polling every test wants.</param>
    public static QueueListenerService For(IQueueFunction function, QueueServiceClient queues, Action<QueueListenerOptions>? configure = null)
    {
        var options = new QueueListenerOptions { MinPollingInterval = TimeSpan.FromMilliseconds(10), MaxPollingInterval = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        return new QueueListenerService(
            [function],
            queues,
            Options.Create(options),
            TimeProvider.System,
            NullLogger<QueueListenerService>.Instance);
    }
}
