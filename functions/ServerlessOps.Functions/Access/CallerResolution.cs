namespace ServerlessOps.Functions.Access;

/// <summary>What <see cref="CallerResolver"/> found: a caller, no credential at all, or a credential that failed (and why).</summary>
public sealed record CallerResolution(Caller? Caller, string? Failure)
{
    public static CallerResolution None { get; } = new(null, null);

    public static CallerResolution Found(Caller caller) => new(caller, null);

    public static CallerResolution Failed(string reason) => new(null, reason);
}
