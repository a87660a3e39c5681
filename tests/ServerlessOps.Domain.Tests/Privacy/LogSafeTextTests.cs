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

    [Theory]
    [InlineData("Walmart event type 'PO_CREATED\nFORGED' is not handled.", "Walmart event type '…' is not handled.")]
    [InlineData("Walmart event type 'PO'\r\nFORGED' is not handled.", "Walmart event type '…'  FORGED' is not handled.")]
    [InlineData("Body: expected a JSON object;\tline 2\u2028next", "Body: expected a JSON object; line 2 next")]
    public void WithoutQuotedValues_ControlCharactersQuotedOrNot_KeepTheTextOnOneLine(string reason, string logged) =>
        Assert.Equal(logged, LogSafeText.WithoutQuotedValues(reason));
}
