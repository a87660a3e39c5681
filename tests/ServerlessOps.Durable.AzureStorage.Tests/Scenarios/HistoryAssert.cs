using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.AzureStorage.Tests.Scenarios;

internal static class HistoryAssert
{
    /// <summary>Each action appears once in history and each response once: the exactly-once guarantee.</summary>
    public static void NoDuplicates(IReadOnlyList<HistoryEvent> history)
    {
        AssertUnique(history.OfType<TaskScheduledEvent>().Select(e => e.EventId), "TaskScheduled");
        AssertUnique(history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId), "TaskCompleted");
        AssertUnique(history.OfType<TaskFailedEvent>().Select(e => e.TaskScheduledId), "TaskFailed");
        AssertUnique(history.OfType<TimerFiredEvent>().Select(e => e.TimerId), "TimerFired");
        Assert.Single(history.OfType<ExecutionStartedEvent>());
    }

    private static void AssertUnique(IEnumerable<int> ids, string kind)
    {
        var duplicates = ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{kind} appears more than once for id(s) {string.Join(", ", duplicates)}.");
    }
}
