namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// What <see cref="PersonalDataRedactor.Redact(System.Text.Json.Nodes.JsonNode?)"/> erased: how many fields, and the text values it erased (personal
/// data themselves: held in memory only, to scrub copies of them from free text such as a quarantine reason).
/// </summary>
public sealed record PersonalDataRedaction(int FieldsErased, IReadOnlySet<string> ErasedValues)
{
    public static PersonalDataRedaction None { get; } = new(0, new HashSet<string>(StringComparer.Ordinal));

    public bool Changed => FieldsErased > 0;

    /// <summary>Ids only: never the values.</summary>
    public override string ToString() => $"{FieldsErased} field(s) erased";
}
