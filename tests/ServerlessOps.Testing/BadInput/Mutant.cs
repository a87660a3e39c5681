namespace ServerlessOps.Testing.BadInput;

/// <summary>A mutated payload and what was done to it, so a failure names the mutation that caused it.</summary>
/// <param name="Kinds">The mutations applied, in order.</param>
/// <param name="Description">What was changed where, e.g. <c>Retype $.line_items[0].quantity -> "x"</c>.</param>
/// <param name="Body">The mutated bytes.</param>
public sealed record Mutant(IReadOnlyList<MutationKind> Kinds, string Description, byte[] Body)
{
    public override string ToString() => Description;
}
