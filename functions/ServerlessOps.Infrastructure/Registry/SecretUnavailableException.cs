namespace ServerlessOps.Infrastructure.Registry;

/// <summary>A secret reference could not be resolved to a value. The message names the reference (a vault URI), never a value.</summary>
public sealed class SecretUnavailableException : Exception
{
    public SecretUnavailableException()
    {
    }

    public SecretUnavailableException(string message)
        : base(message)
    {
    }

    public SecretUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
