using Microsoft.Extensions.Configuration;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Tests.Push;

/// <summary>The push's claim timeout is checked at start against every channel's call budget, naming the key that is too long.</summary>
public sealed class InventoryPushOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(Validate([], new InventoryPushOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Channels:Walmart:TotalTimeoutSeconds", "180")]
    [InlineData("Channels:Amazon:TotalTimeoutSeconds", "200")]
    [InlineData("Channels:TikTokShop:TotalTimeoutSeconds", "600")]
    public void ClaimTimeoutNotAboveAChannelsCallBudget_FailsNamingIt(string key, string seconds)
    {
        var result = Validate(new() { [key] = seconds }, new InventoryPushOptions());

        Assert.True(result.Failed);
        Assert.Contains($"must exceed {key} ({seconds} s)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimTimeoutNotAboveShopifysCallBudget_FailsNamingIt()
    {
        var options = new InventoryPushOptions { ClaimTimeout = TimeSpan.FromSeconds(30) };

        var result = Validate([], options);

        Assert.Contains("must exceed InventoryPush:Shopify:TotalTimeoutSeconds (60 s)", result.FailureMessage, StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(Dictionary<string, string?> values, InventoryPushOptions options) =>
        new InventoryPushOptionsValidator(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).Validate(null, options);
}
