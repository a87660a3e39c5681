using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Reports;

namespace ServerlessOps.Infrastructure.Tests.Reports;

/// <summary>Section <c>Reports</c> is checked at start, naming the key and its range.</summary>
public sealed class ReportsOptionsTests
{
    [Theory]
    [InlineData("Reports:CatchUpDays", "0")]
    [InlineData("Reports:CatchUpDays", "31")]
    [InlineData("Reports:CatchUpWeeks", "0")]
    [InlineData("Reports:CatchUpWeeks", "8")]
    public void CatchUp_AtItsBounds_IsAccepted(string key, string value)
    {
        Bind(new() { [key] = value });
    }

    [Theory]
    [InlineData("Reports:CatchUpDays", "-1", "Reports:CatchUpDays must be 0 (no catch-up) to 31 days.")]
    [InlineData("Reports:CatchUpDays", "32", "Reports:CatchUpDays must be 0 (no catch-up) to 31 days.")]
    [InlineData("Reports:CatchUpWeeks", "-1", "Reports:CatchUpWeeks must be 0 (no catch-up) to 8 weeks.")]
    [InlineData("Reports:CatchUpWeeks", "9", "Reports:CatchUpWeeks must be 0 (no catch-up) to 8 weeks.")]
    public void CatchUp_OutOfRange_FailsAtStartNamingTheKeyAndItsRange(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ReportsOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddReports().BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ReportsOptions>>().Value;
    }
}
