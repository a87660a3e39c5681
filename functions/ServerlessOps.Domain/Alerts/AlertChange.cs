namespace ServerlessOps.Domain.Alerts;

/// <summary>The result of a transition: the alert to store, or why the transition does not apply (the API's 409 detail).</summary>
public sealed record AlertChange
{
    private AlertChange(Alert? next, string? refusal)
    {
        Next = next;
        Refusal = refusal;
    }

    /// <summary>The changed alert; null when refused.</summary>
    public Alert? Next { get; }

    /// <summary>Why nothing changed; null when applied.</summary>
    public string? Refusal { get; }

    public static AlertChange To(Alert next) => new(next ?? throw new ArgumentNullException(nameof(next)), null);

    public static AlertChange Refused(string refusal) => new(null, refusal);
}
