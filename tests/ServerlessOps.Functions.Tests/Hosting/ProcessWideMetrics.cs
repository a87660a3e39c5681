namespace ServerlessOps.Functions.Tests.Hosting;

/// <summary>
/// Tests that read what the app's OpenTelemetry exporter sends run alone: a MeterProvider listens to every meter of the
/// names it was given in the whole process, not only to its own app's, so apps of tests running beside it would add
/// their 401s and samples to its export.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "process-wide metrics";
}
