namespace ServerlessOps.Standalone.Timers;

/// <summary>
/// A timer-triggered function as the standalone host drives it (<see cref="TimerSchedulerService"/>). Under the
/// Functions host a one-line <c>[TimerTrigger]</c> wrapper with the same schedule calls the same <see cref="RunAsync"/>.
/// </summary>
public interface ITimerFunction
{
    /// <summary>The function name, equal to the wrapper's <c>[Function]</c> name.</summary>
    string Name { get; }

    /// <summary>NCRONTAB with seconds (six fields), as the <c>[TimerTrigger]</c> attribute states it; evaluated in UTC.</summary>
    string Schedule { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
