namespace ServerlessOps.Standalone.Tests.Settings;

/// <summary>A host.json written to a temporary folder for one test, deleted on dispose.</summary>
internal sealed class HostJsonFile : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "so-hostjson-" + Guid.NewGuid().ToString("N"));

    public HostJsonFile(string json)
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "host.json");
        File.WriteAllText(Path, json);
    }

    public string Path { get; }

    /// <summary>host.json with <paramref name="durableTask"/> as the body of extensions.durableTask.</summary>
    public static HostJsonFile WithDurableTask(string durableTask) =>
        new($$"""{ "version": "2.0", "extensions": { "durableTask": {{durableTask}} } }""");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
