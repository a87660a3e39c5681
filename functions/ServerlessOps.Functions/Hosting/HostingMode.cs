namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// Who drives the non-HTTP triggers. In Azure the Functions host sets FUNCTIONS_CUSTOMHANDLER_PORT and
/// delivers queue messages and timer ticks itself; anywhere else (local runs, tests) the app runs its own
/// queue listeners and timers. Same handlers either way.
/// </summary>
public sealed record HostingMode(bool IsFunctionsHost, int? CustomHandlerPort)
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Set <c>Hosting:RunTriggers=false</c> to run without self-driven triggers (tests that drive them by hand).</summary>
    public const string StandaloneKey = "Hosting:RunTriggers";

    public static HostingMode From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var port = configuration[PortVariable];
        return int.TryParse(port, out var parsed)
            ? new HostingMode(true, parsed)
            : new HostingMode(false, null);
    }

    /// <summary>Whether this process should poll its own queues and fire its own timers.</summary>
    public bool RunsOwnTriggers(IConfiguration configuration) =>
        !IsFunctionsHost && !string.Equals(configuration[StandaloneKey], "false", StringComparison.OrdinalIgnoreCase);
}
