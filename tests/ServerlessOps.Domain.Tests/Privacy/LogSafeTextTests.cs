using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Domain.Tests.Privacy;

public sealed class LogSafeTextTests
{
    [Theory]
    [InlineData("created_at: expected an ISO 8601 time, found \"12 Elm \\\"Street\\\"\".", "created_at: expected an ISO 8601 time, found \"…\".")]
    [InlineData("Header X-Shopify-Triggered-At: expected an ISO 8601 time, found 'jo@example.com'.", "Header X-Shopify-Triggered-At: expected an ISO 8601 time, found '…'.")]
    [InlineData("line_items[0].quantity: expected a count, found an object.", "line_items[0].quantity: expected a count, found an object.")]
    public void WithoutQuotedValues_KeepsThePathAndExpectationAndDropsWhatWasFound(string reason, string logged) =>
        Assert.Equal(logged, LogSafeText.WithoutQuotedValues(reason));
}
