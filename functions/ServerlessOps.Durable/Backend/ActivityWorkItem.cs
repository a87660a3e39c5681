using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Backend;

/// <summary>
/// One activity invocation: a <see cref="TaskScheduledEvent"/> message addressed to the orchestration that
/// scheduled it. Activities run at least once: a work item whose worker dies reappears after its lock expires.
/// </summary>
public sealed class ActivityWorkItem : WorkItem
{
    /// <summary>The invocation message; <see cref="TaskMessage.Event"/> is a <see cref="TaskScheduledEvent"/>.</summary>
    public required TaskMessage Message { get; init; }

    /// <summary>The scheduled task (the message's event, typed).</summary>
    public TaskScheduledEvent TaskScheduled => (TaskScheduledEvent)Message.Event;
}
