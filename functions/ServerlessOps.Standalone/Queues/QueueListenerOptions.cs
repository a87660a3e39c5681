using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Standalone.Queues;

/// <summary>
/// The standalone queue driver, set like host.json's <c>extensions.queues</c> so local runs behave as Azure does.
/// </summary>
public sealed class QueueListenerOptions
{
    public const string SectionName = "Queues";

    /// <summary>Messages fetched per poll. Default 16 (host.json batchSize); 1-32 (the queue service maximum).</summary>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// Fetch the next batch once this few messages are still being processed (host.json newBatchThreshold).
    /// Default 8; so at most BatchSize + NewBatchThreshold run at once, as under the Functions host.
    /// </summary>
    [Range(0, 256)]
    public int NewBatchThreshold { get; set; } = 8;

    /// <summary>Deliveries of one message before it moves to <c>{queue}-poison</c> (host.json maxDequeueCount). Default 5; 1-20.</summary>
    [Range(1, 20)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// How long a fetched message stays invisible; renewed every third of it while its invocation runs (as the host keeps
    /// its messages hidden), so this is how soon a crashed instance's messages reappear. Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Poll delay right after an empty poll; doubles while idle. Default 50 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest poll delay when idle. Default 2 s (the Functions host uses up to 1 min; local runs want speed).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}
