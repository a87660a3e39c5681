namespace ServerlessOps.Testing.BadInput;

/// <summary>A mutated import file, what was done to it, and the file line it touched when the mutation is on one line.</summary>
/// <param name="Line">1-based line of the file the mutation changed; null when it changed the file as a whole (truncation, encoding).</param>
public sealed record ImportMutant(ImportSeedFile Seed, string Description, byte[] Body, int? Line)
{
    public override string ToString() => $"{Seed}: {Description}";
}
