namespace ServerlessOps.Benchmarks.Durable;

/// <summary>One engine variant's throughput figures and storage requests per unit of work.</summary>
internal sealed record ScenarioFigures(
    double SequentialAlone,
    double SequentialMany,
    double SequentialRequestsPerActivity,
    double FanOut,
    double FanIn,
    double FanOutRequestsPerActivity,
    double Events,
    double RequestsPerEvent)
{
    /// <summary>The longest time Azurite took to answer the probe during this variant, in seconds.</summary>
    public double AzuriteStallSeconds { get; init; }
}
