using System.Text.RegularExpressions;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Testing;

namespace ServerlessOps.Domain.Tests.Alerts;

/// <summary>The alert catalogue is complete and the README table names every kind.</summary>
public sealed partial class AlertKindsTests
{
    [Fact]
    public void Catalogue_EveryKind_HasOneRowWithAUniqueSlugAndATitle()
    {
        Assert.Equal(Enum.GetValues<AlertKind>(), AlertKinds.All.Select(k => k.Kind));
        Assert.Equal(AlertKinds.All.Count, AlertKinds.All.Select(k => k.Slug).Distinct().Count());
        Assert.All(AlertKinds.All, k => Assert.Matches("^[a-z]+(-[a-z]+)*$", k.Slug));
        Assert.All(AlertKinds.All, k => Assert.False(string.IsNullOrWhiteSpace(k.Title)));
    }

    [Theory]
    [InlineData("sla-missed", AlertKind.SlaMissed)]
    [InlineData("SLA-Missed", AlertKind.SlaMissed)]
    [InlineData("SlaMissed", AlertKind.SlaMissed)]
    [InlineData("channel-authorization-revoked", AlertKind.ChannelAuthorizationRevoked)]
    public void TryParse_SlugOrName_FindsTheKind(string text, AlertKind expected)
    {
        Assert.True(AlertKinds.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("sla")]
    public void TryParse_Unknown_Fails(string text) => Assert.False(AlertKinds.TryParse(text, out _));

    [Fact]
    public void Readme_Table_HasARowPerKindWithItsSignal()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "functions", "ServerlessOps.Domain", "Alerts", "README.md"));
        var rows = TableRow().Matches(readme).ToDictionary(m => m.Groups["slug"].Value, m => m.Groups["signal"].Value.Trim());

        foreach (var kind in AlertKinds.All)
        {
            Assert.True(rows.TryGetValue(kind.Slug, out var signal), $"Domain/Alerts/README.md has no row for `{kind.Slug}`.");
            Assert.Equal(kind.Signal.ToString().ToLowerInvariant(), signal);
        }

        Assert.Equal(AlertKinds.All.Count, rows.Count);
    }

    [GeneratedRegex(@"^\| `(?<slug>[a-z-]+)` \| (?<signal>[a-z]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
