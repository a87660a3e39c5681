namespace ServerlessOps.Benchmarks.Durable;

/// <summary>One scenario's figures: per instance (what Durable Functions publishes), across all instances, and storage requests per unit.</summary>
internal sealed record ScenarioResult(double PerInstance, double Aggregate, double RequestsPerActivity);
