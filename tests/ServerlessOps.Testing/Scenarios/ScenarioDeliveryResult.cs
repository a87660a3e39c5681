namespace ServerlessOps.Testing.Scenarios;

/// <summary>What the app answered to one scenario delivery.</summary>
public sealed record ScenarioDeliveryResult(ScenarioStep Step, int StatusCode);
