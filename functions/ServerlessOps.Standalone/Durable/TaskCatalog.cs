using DurableTask.Core;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// The engine's lookup of orchestrations or activities by name. Names match without regard to case, as function names
/// do in Azure; the version is ignored, since the Functions host resolves tasks by function name only. An unknown name
/// gets <paramref name="unknown"/>'s stand-in, which fails the execution naming the registered tasks.
/// </summary>
internal sealed class TaskCatalog<T>(Func<string, IEnumerable<string>, T> unknown) : INameVersionObjectManager<T>
    where T : class
{
    private readonly Dictionary<string, ObjectCreator<T>> _creators = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _creators.Count;

    public void Add(ObjectCreator<T> creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (!_creators.TryAdd(creator.Name, creator))
        {
            throw new InvalidOperationException($"Two tasks are registered under the name '{creator.Name}'; names must be unique (without regard to case).");
        }
    }

    /// <summary>A new instance for one execution.</summary>
    public T? GetObject(string name, string? version) =>
        _creators.TryGetValue(name, out var creator) ? creator.Create() : unknown(name, _creators.Keys);
}
