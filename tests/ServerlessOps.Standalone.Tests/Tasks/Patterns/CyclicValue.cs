namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>An object graph with a cycle: JSON serialization of it fails.</summary>
public sealed class CyclicValue
{
    public CyclicValue()
    {
        Self = this;
    }

    public string Name { get; set; } = "loop";

    public CyclicValue Self { get; set; }
}
