namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>A dependency no test registers in DI.</summary>
public sealed class UnregisteredDependency;
