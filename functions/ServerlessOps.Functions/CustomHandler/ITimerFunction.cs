namespace ServerlessOps.Functions.CustomHandler;

/// <summary>A timer-triggered function, invoked by the Functions host or the standalone <see cref="Timers.TimerSchedulerService"/>.</summary>
public interface ITimerFunction
{
    string Name { get; }

    /// <summary>NCRONTAB with seconds (six fields), as function.json's <c>schedule</c>; evaluated in UTC.</summary>
    string Schedule { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
