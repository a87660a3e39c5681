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

    /// <summary>How many runs the figures are the median of.</summary>
    public int Runs { get; init; } = 1;

    /// <summary>Each figure's median over <paramref name="runs"/> (the slowest Azurite answer is the maximum).</summary>
    public static ScenarioFigures Median(IReadOnlyList<ScenarioFigures> runs) =>
        new(
            Median(runs, f => f.SequentialAlone),
            Median(runs, f => f.SequentialMany),
            Median(runs, f => f.SequentialRequestsPerActivity),
            Median(runs, f => f.FanOut),
            Median(runs, f => f.FanIn),
            Median(runs, f => f.FanOutRequestsPerActivity),
            Median(runs, f => f.Events),
            Median(runs, f => f.RequestsPerEvent))
        {
            AzuriteStallSeconds = runs.Max(f => f.AzuriteStallSeconds),
            Runs = runs.Count,
        };

    private static double Median(IReadOnlyList<ScenarioFigures> runs, Func<ScenarioFigures, double> figure)
    {
        var sorted = runs.Select(figure).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
