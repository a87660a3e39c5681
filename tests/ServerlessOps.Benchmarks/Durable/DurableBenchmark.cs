namespace ServerlessOps.Benchmarks.Durable;

/// <summary>The durable runtime on Azurite: the four scenarios Durable Functions publishes for its Azure Storage provider.</summary>
internal static class DurableBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.WriteLine("durable benchmark: not implemented yet");
        return Task.FromResult(1);
    }
}
