using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Durable;

/// <summary>
/// Settings of the durable runtime, bound from the <c>Durable</c> configuration section (in app settings:
/// <c>Durable__MaxConcurrentActivities</c>, ...) and validated when the host starts.
/// </summary>
public sealed class DurableTaskOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Durable";

    /// <summary>Task hub name: prefixes every table, queue and container. Default <c>serverlessops</c>; 3-45
    /// letters and digits, starting with a letter (the Durable Functions rule, so Azure resource names stay valid).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "TaskHubName must be 3-45 letters or digits and start with a letter.")]
    public string TaskHubName { get; set; } = "serverlessops";

    /// <summary>Orchestration steps one worker runs at once. Default 8; 1-1000.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 8;

    /// <summary>Activities one worker runs at once. Default 16; 1-1000.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>First wait after a poll finds nothing; the wait doubles per empty poll up to
    /// <see cref="MaxPollingInterval"/>, and a poll that finds work polls again at once. Default 50 ms; 1 ms-10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest wait between polls when idle. Default 1 s; 1 ms-5 min, at least <see cref="MinPollingInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long shutdown waits for in-flight work before abandoning it (it is redelivered). Default 30 s; 0-10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the hosted worker polls the queues. Default true; false when a queue-triggered
    /// function drives every message through <see cref="Worker.TaskHubWorker.ProcessDeliveredMessageAsync"/>.</summary>
    public bool PollingEnabled { get; set; } = true;

    /// <summary>Whether the worker creates the task hub's storage at start. Default true.</summary>
    public bool CreateTaskHubOnStart { get; set; } = true;

    /// <summary>How often the worker samples queue lengths for the <c>durable.backlog</c> gauge (only when the
    /// backend reports them). Default 10 s; 1 s-10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxPollingInterval < MinPollingInterval)
        {
            yield return new ValidationResult(
                $"MaxPollingInterval ({MaxPollingInterval}) must be at least MinPollingInterval ({MinPollingInterval}).",
                [nameof(MaxPollingInterval), nameof(MinPollingInterval)]);
        }
    }
}
