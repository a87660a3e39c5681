namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>What an orchestrator saw of a failed task.</summary>
public sealed record FailureReport(string ErrorType, string ErrorMessage, bool CausedByInvalidOperation);
