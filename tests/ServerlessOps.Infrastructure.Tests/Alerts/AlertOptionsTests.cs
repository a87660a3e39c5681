using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Alerts;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>Section <c>Alerts</c> is checked at start, naming the key, and never echoing the webhook URL.</summary>
public sealed class AlertOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndRecordOnly()
    {
        var options = Bind([]);

        Assert.False(options.Notifies);
        Assert.Equal("alert-notifications", options.QueueName);
    }

    [Theory]
    [InlineData("Alerts:WebhookUrl", "hooks.slack.com/services/T/B/secret-value", "Alerts:WebhookUrl must be an absolute http(s) URL")]
    [InlineData("Alerts:WebhookUrl", "ftp://hooks.example/secret-value", "Alerts:WebhookUrl must be an absolute http(s) URL")]
    [InlineData("Alerts:TimeoutSeconds", "40", "TotalTimeoutSeconds (30) must be at least TimeoutSeconds (40)")]
    [InlineData("Alerts:ClaimTimeout", "00:00:20", "ClaimTimeout (00:00:20) must be at least TotalTimeoutSeconds")]
    [InlineData("Alerts:RetryAfter", "00:00:00", "RetryAfter")]
    [InlineData("Alerts:QueueName", "Alerts_Queue", "QueueName")]
    public void Invalid_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpsWebhook_Notifies()
    {
        Assert.True(Bind(new() { ["Alerts:WebhookUrl"] = "https://hooks.slack.com/services/T0/B0/abc" }).Notifies);
    }

    private static AlertOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var provider = new ServiceCollection().AddLogging().AddAlerts(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AlertOptions>>().Value;
    }
}
