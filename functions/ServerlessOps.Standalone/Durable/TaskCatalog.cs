using DurableTask.Core;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// The engine's lookup of orchestrations or activities by name. Names match without regard to case, as function names
/// do in Azure; the version is ignored, since the Functions host resolves tasks by function name only.
/// </summary>
internal sealed class TaskCatalog<T> : INameVersionObjectManager<T>
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

    /// <summary>A new instance for one execution, or null when none is registered (the engine then fails the instance, naming it).</summary>
    public T? GetObject(string name, string? version) =>
        _creators.TryGetValue(name, out var creator) ? creator.Create() : null;
}
