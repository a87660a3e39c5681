using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>
/// Writes log lines to the output of the test running in the same async flow (client calls). The engine's own loops
/// run outside any test's flow: set <c>SO_ENGINE_LOG</c> to a file path to also append every line there.
/// </summary>
internal sealed class TestOutputLoggerProvider(string prefix) : ILoggerProvider
{
    private static readonly string? LogFile = Environment.GetEnvironmentVariable("SO_ENGINE_LOG");
    private static readonly Lock FileLock = new();

    public ILogger CreateLogger(string categoryName) => new Logger(prefix, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string prefix, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} [{prefix}] {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}";
            if (LogFile is not null)
            {
                lock (FileLock)
                {
                    File.AppendAllText(LogFile, line + Environment.NewLine);
                }
            }

            try
            {
                TestContext.Current.TestOutputHelper?.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // No test is running at this moment (between tests, or after the last one).
            }
        }
    }
}
