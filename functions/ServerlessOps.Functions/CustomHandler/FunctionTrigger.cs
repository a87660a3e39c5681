namespace ServerlessOps.Functions.CustomHandler;

/// <summary>How the Functions host (or the standalone driver) invokes a function.</summary>
public enum FunctionTrigger
{
    Http,
    Queue,
    Timer,
}
