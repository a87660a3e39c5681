using static ServerlessOps.Domain.Tests.Alerts.AlertRaises;

namespace ServerlessOps.Domain.Tests.Alerts;

/// <summary>What a raise must be before it is applied: a bad one is a bug in the raising code, named in the exception.</summary>
public sealed class AlertRaiseTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_BlankOccurrenceKey_Throws(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => (PriceBelowFloor() with { OccurrenceKey = key }).Validate());

        Assert.Equal("OccurrenceKey", error.ParamName);
    }

    [Fact]
    public void Validate_OccurrenceKeyOverTheLimit_ThrowsNamingTheLimit()
    {
        var tooLong = new string('k', Domain.Alerts.AlertRaise.MaxOccurrenceKeyLength + 1);

        var error = Assert.Throws<ArgumentException>(() => (PriceBelowFloor() with { OccurrenceKey = tooLong }).Validate());

        Assert.Contains("1-100 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FlowsGuidKey_Passes() =>
        (PriceBelowFloor() with { OccurrenceKey = Guid.Empty.ToString("N") }).Validate();
}
