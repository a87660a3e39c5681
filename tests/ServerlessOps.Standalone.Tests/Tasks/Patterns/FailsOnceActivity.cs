using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Throws on its first attempt per instance and answers on the next; records when each attempt ran.</summary>
public sealed class FailsOnceActivity : TaskActivity<string, string>
{
    public static ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> AttemptTimes { get; } = new();

    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        var attempts = AttemptTimes.GetOrAdd(context.InstanceId, _ => new ConcurrentQueue<DateTimeOffset>());
        attempts.Enqueue(DateTimeOffset.UtcNow);
        return attempts.Count == 1
            ? throw new InvalidOperationException($"{input} failed on its first attempt")
            : Task.FromResult($"{input} done on attempt {attempts.Count}");
    }
}
