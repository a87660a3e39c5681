namespace ServerlessOps.Durable.Orchestration;

/// <summary>
/// Thrown inside an orchestrator when an activity or sub-orchestration it awaited failed (after any
/// retries). <see cref="FailureDetails"/> carries the original exception's type, message and stack trace;
/// an orchestrator that does not catch it fails with those details as its inner failure.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    /// <param name="taskName">The activity or sub-orchestrator name.</param>
    /// <param name="taskId">The action sequence number of the task.</param>
    /// <param name="failureDetails">The original failure.</param>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Creates an exception with a message only (for serializers and tests).</summary>
    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails("unknown", "unknown"))
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public TaskFailedException(string message)
        : this(message, null!)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = innerException is null
            ? new TaskFailureDetails(typeof(TaskFailedException).FullName!, message)
            : TaskFailureDetails.FromException(innerException);
    }

    /// <summary>The activity or sub-orchestrator name that failed.</summary>
    public string TaskName { get; }

    /// <summary>The failed task's action sequence number.</summary>
    public int TaskId { get; }

    /// <summary>The original failure: type, message, stack trace, inner failure.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
