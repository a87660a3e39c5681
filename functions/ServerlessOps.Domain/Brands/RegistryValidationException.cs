namespace ServerlessOps.Domain.Brands;

/// <summary>A brand or channel account failed validation; <see cref="Errors"/> names every bad field.</summary>
public sealed class RegistryValidationException : Exception
{
    public RegistryValidationException()
        : this([])
    {
    }

    public RegistryValidationException(string message)
        : base(message)
    {
        Errors = [new FieldError(string.Empty, message)];
    }

    public RegistryValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new FieldError(string.Empty, message)];
    }

    public RegistryValidationException(IReadOnlyList<FieldError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<FieldError> Errors { get; } = [];

    /// <summary>Throws when <paramref name="errors"/> is not empty.</summary>
    public static void ThrowIfAny(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new RegistryValidationException(errors);
        }
    }

    private static string Describe(IReadOnlyList<FieldError> errors) =>
        errors is null || errors.Count == 0
            ? "The registry entry is invalid."
            : "The registry entry is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));
}
