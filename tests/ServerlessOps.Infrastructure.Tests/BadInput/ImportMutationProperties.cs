using FsCheck;
using FsCheck.Xunit;
using ServerlessOps.Testing.BadInput;

namespace ServerlessOps.Infrastructure.Tests.BadInput;

/// <summary>
/// Every import kind in every format it is sent in, mutated (<see cref="ImportFileMutator"/>: hostile cells, missing or extra
/// values, repeated rows, bad headers, mutated JSON records, truncation, flipped bits, invalid UTF-8): reading and checking
/// never throws, every error names a line of the file (and the column or member where it is one value), a one-line
/// mutation that is refused is refused naming that line, and a file that passes holds no value out of range. The importer
/// writes nothing unless the check found no error, so no error here means no partial import.
/// </summary>
public sealed class ImportMutationProperties
{
    [Property(MaxTest = 1_000)]
    public void AnyImportFile_Mutated_IsParsedOrRefusedNamingLineAndColumnNeverThrows(int seed, NonNegativeInt file) =>
        Check(ImportFileMutator.Mutate(ImportSeedFiles.All[file.Get % ImportSeedFiles.All.Count], seed));

    [Fact]
    public void EverySeedFile_Unmutated_ParsesWithoutErrors()
    {
        // So an error on a mutant is the mutation's doing.
        foreach (var seed in ImportSeedFiles.All)
        {
            var result = ImportParsing.Parse(seed, System.Text.Encoding.UTF8.GetBytes(seed.Text));
            Assert.True(result.Errors.Count == 0, $"{seed}: {string.Join("; ", result.Errors)}");
            Assert.NotEmpty(result.Values);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    public void EachSeedFile_ManyMutations_IsParsedOrRefusedNeverThrows(int file)
    {
        // Every kind and format gets its share, whatever the random property drew.
        for (var seed = 0; seed < 150; seed++)
        {
            Check(ImportFileMutator.Mutate(ImportSeedFiles.All[file], seed));
        }
    }

    [Theory]
    [InlineData(ImportSeedFile.Csv)]
    [InlineData(ImportSeedFile.JsonLines)]
    public void OrderHistory_InvalidUtf8OnLineTwo_IsRefusedNamingLineTwo(string mediaType)
    {
        // The history readers read bytes, not text: a bad byte must not slip through as U+FFFD or throw mid-import.
        var seed = ImportSeedFiles.All.Single(s => s.Kind == "orders" && s.MediaType == mediaType);
        var text = System.Text.Encoding.UTF8.GetBytes(seed.Text);
        var secondLine = Array.IndexOf(text, (byte)'\n') + 10;

        var result = ImportParsing.Parse(seed, [.. text.AsSpan(0, secondLine), 0xC3, 0x28, .. text.AsSpan(secondLine)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    private static void Check(ImportMutant mutant)
    {
        ImportParsing.Result result;
        try
        {
            result = ImportParsing.Parse(mutant.Seed, mutant.Body);
        }
#pragma warning disable CA1031 // The property is that nothing escapes: anything that does is reported with the mutation.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Assert.Fail($"Reading {mutant} threw {e.GetType().Name}: {e}");
            return;
        }

        var lines = mutant.Body.Count(b => b == (byte)'\n') + 1;
        foreach (var error in result.Errors)
        {
            Assert.True(error.Line >= 1 && error.Line <= lines, $"{mutant}: error on line {error.Line} of a {lines}-line file: {error.Message}");
            Assert.False(string.IsNullOrWhiteSpace(error.Message), $"{mutant}: an error without a message on line {error.Line}");
            Assert.DoesNotContain("Exception", error.Message, StringComparison.Ordinal);
        }

        if (result.Errors.Count > 0)
        {
            if (mutant.Line is { } line)
            {
                // A value that now disagrees with another row is reported on the later row, naming the other one.
                Assert.True(
                    result.Errors.Any(e => e.Line == line || e.Message.Contains($"line {line}", StringComparison.Ordinal)),
                    $"{mutant}: refused, but no error names line {line}: {string.Join("; ", result.Errors)}");
            }

            return;
        }

        foreach (var value in result.Values)
        {
            Assert.True(ImportParsing.Absurd(value) is null, $"{mutant}: accepted {ImportParsing.Absurd(value)}");
        }
    }
}
