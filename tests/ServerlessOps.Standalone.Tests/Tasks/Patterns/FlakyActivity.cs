using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Always throws <see cref="InvalidOperationException"/>, counting its attempts per instance.</summary>
public sealed class FlakyActivity : TaskActivity<string, string>
{
    public static ConcurrentDictionary<string, int> Attempts { get; } = new();

    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        var attempt = Attempts.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        throw new InvalidOperationException($"{input} failed on attempt {attempt}");
    }
}
