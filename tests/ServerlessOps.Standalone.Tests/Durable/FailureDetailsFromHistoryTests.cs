using ServerlessOps.Standalone.Durable;

namespace ServerlessOps.Standalone.Tests.Durable;

public sealed class FailureDetailsFromHistoryTests
{
    [Fact]
    public void Find_ExecutionCompletedWithNestedFailure_TypeMessageStackAndInner()
    {
        const string History = """
            [
              { "EventType": 12, "EventId": -1 },
              { "EventType": 0, "Name": "Parent", "EventId": -1 },
              { "EventType": 1, "OrchestrationStatus": 3, "Result": "x",
                "FailureDetails": { "ErrorType": "Microsoft.DurableTask.TaskFailedException", "ErrorMessage": "child failed", "StackTrace": "at Parent",
                  "InnerFailure": { "ErrorType": "System.InvalidOperationException", "ErrorMessage": "boom", "StackTrace": "at Child", "InnerFailure": null },
                  "IsNonRetriable": false, "Properties": { "Code": "E42" } } }
            ]
            """;

        var details = FailureDetailsFromHistory.Find(History)!;

        Assert.Equal("Microsoft.DurableTask.TaskFailedException", details.ErrorType);
        Assert.Equal("child failed", details.ErrorMessage);
        Assert.Equal("at Parent", details.StackTrace);
        Assert.Equal("System.InvalidOperationException", details.InnerFailure?.ErrorType);
        Assert.Equal("boom", details.InnerFailure?.ErrorMessage);
        Assert.Equal("E42", details.Properties?["Code"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("[]")]
    [InlineData("""[{ "EventType": 1, "OrchestrationStatus": 1, "Result": "ok", "FailureDetails": null }]""")]
    public void Find_NoFailureRecorded_Null(string? history)
    {
        Assert.Null(FailureDetailsFromHistory.Find(history));
    }
}
