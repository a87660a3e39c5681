using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>Writes log lines to the output of whichever test is running, so a failing test shows what the engine said.</summary>
internal sealed class TestOutputLoggerProvider(string prefix) : ILoggerProvider
{
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
            try
            {
                TestContext.Current.TestOutputHelper?.WriteLine(
                    $"{DateTime.UtcNow:HH:mm:ss.fff} [{prefix}] {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
            }
            catch (InvalidOperationException)
            {
                // No test is running at this moment (between tests, or after the last one).
            }
        }
    }
}
