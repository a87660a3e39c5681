namespace ServerlessOps.Functions.CustomHandler;

/// <summary>What a custom handler answers the Functions host for a non-HTTP trigger.</summary>
public sealed record InvocationResponse(Dictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue)
{
    public static InvocationResponse Empty { get; } = new([], [], null);
}
