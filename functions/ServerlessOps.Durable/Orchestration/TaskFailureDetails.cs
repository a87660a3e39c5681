namespace ServerlessOps.Durable.Orchestration;

/// <summary>
/// What went wrong in an activity, sub-orchestration or orchestration: the original exception's type name,
/// message and stack trace, captured where it was thrown and carried through history into the calling
/// orchestrator (<see cref="TaskFailedException.FailureDetails"/>) and into the status API.
/// </summary>
/// <param name="ErrorType">Full type name of the original exception, e.g. <c>System.InvalidOperationException</c>.</param>
/// <param name="ErrorMessage">The original exception's message.</param>
/// <param name="StackTrace">The original stack trace, when one was available.</param>
/// <param name="InnerFailure">The failure that caused this one (the inner exception, or the failure an
/// orchestrator re-threw from a task), or <see langword="null"/>.</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Captures <paramref name="exception"/> and its inner exceptions (a
    /// <see cref="TaskFailedException"/> contributes the failure it carries, so nested failures chain).</summary>
    /// <param name="exception">The exception to capture.</param>
    /// <returns>The captured details; never <see langword="null"/>.</returns>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        TaskFailureDetails? inner = exception switch
        {
            TaskFailedException failed => failed.FailureDetails,
            _ when exception.InnerException is not null => FromException(exception.InnerException),
            _ => null,
        };
        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            inner);
    }

    /// <summary>
    /// True when this failure, or any inner failure, was caused by an exception of type
    /// <typeparamref name="T"/> or a type derived from it. Types are matched by name against the types
    /// loaded in this process, so a failure from another process still matches when the type is known here.
    /// </summary>
    /// <typeparam name="T">The exception type to look for.</typeparam>
    /// <returns>Whether the failure chain contains that exception type.</returns>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        for (var current = this; current is not null; current = current.InnerFailure)
        {
            if (current.ErrorType == typeof(T).FullName)
            {
                return true;
            }

            var loaded = Type.GetType(current.ErrorType, throwOnError: false)
                ?? AppDomain.CurrentDomain.GetAssemblies()
                    .Select(a => a.GetType(current.ErrorType, throwOnError: false))
                    .FirstOrDefault(t => t is not null);
            if (loaded is not null && typeof(T).IsAssignableFrom(loaded))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
