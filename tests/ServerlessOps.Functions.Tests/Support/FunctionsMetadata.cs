using System.Text.Json;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// The functions the Worker SDK found in the build (functions.metadata beside ServerlessOps.Functions.dll): what the
/// Functions host would index in Azure. Each function with its trigger binding and whether it binds a durable client.
/// </summary>
internal sealed record FunctionsMetadata(IReadOnlyList<FunctionsMetadata.Function> Functions)
{
    public static FunctionsMetadata Load()
    {
        var path = Path.Combine(FunctionAppProcess.AppOutputDirectory(), "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Worker SDK writes it when functions/ServerlessOps.Functions builds.");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var functions = json.RootElement.EnumerateArray().Select(f =>
        {
            var bindings = f.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = bindings.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return new Function(
                f.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                Text(trigger, "route"),
                trigger.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())] : [],
                Text(trigger, "queueName"),
                Text(trigger, "schedule"),
                bindings.Any(b => b.GetProperty("type").GetString() == "durableClient"));
        }).ToList();
        return new FunctionsMetadata(functions);
    }

    public IEnumerable<Function> OfTrigger(string type) => Functions.Where(f => f.Trigger == type);

    private static string? Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) ? value.GetString() : null;

    internal sealed record Function(
        string Name, string Trigger, string? Route, IReadOnlyList<string> Methods, string? QueueName, string? Schedule, bool BindsDurableClient);
}
