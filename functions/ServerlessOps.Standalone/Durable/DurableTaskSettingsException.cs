namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// The durableTask settings cannot be used: each problem names the key, the value, and the file or setting it came
/// from. Thrown when the standalone host starts, before the engine touches storage.
/// </summary>
public sealed class DurableTaskSettingsException : Exception
{
    /// <summary>Creates the exception from the problems found, one line each.</summary>
    public DurableTaskSettingsException(IReadOnlyList<string> problems)
        : base("The Durable Task settings (host.json extensions.durableTask and AzureFunctionsJobHost__extensions__durableTask__* settings) are invalid:"
            + Environment.NewLine + string.Join(Environment.NewLine, (problems ?? []).Select(p => "  - " + p)))
    {
        Problems = problems ?? [];
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public DurableTaskSettingsException(string problem)
        : this([problem])
    {
    }

    /// <summary>Creates an exception with no listed problem (serializers and analyzers expect this constructor).</summary>
    public DurableTaskSettingsException()
        : this("unspecified problem")
    {
    }

    /// <summary>Creates the exception for a single problem with its cause.</summary>
    public DurableTaskSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
