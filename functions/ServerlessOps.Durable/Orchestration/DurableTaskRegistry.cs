using Microsoft.Extensions.DependencyInjection;

namespace ServerlessOps.Durable.Orchestration;

/// <summary>
/// The orchestrators and activities a worker can run, by name (case-insensitive, as Durable Functions).
/// Class forms default to the type's name. Orchestrator classes are created per step and activity classes
/// per invocation, both with <see cref="ActivatorUtilities"/>; activities from a fresh DI scope.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>Registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator class under its type name.</summary>
    /// <typeparam name="TOrchestrator">The orchestrator type.</typeparam>
    /// <returns>This registry.</returns>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator => AddOrchestrator<TOrchestrator>(typeof(TOrchestrator).Name);

    /// <summary>Registers an orchestrator class under <paramref name="name"/>.</summary>
    /// <typeparam name="TOrchestrator">The orchestrator type.</typeparam>
    /// <param name="name">The name.</param>
    /// <returns>This registry.</returns>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>(string name)
        where TOrchestrator : class, ITaskOrchestrator
    {
        Add(_orchestrators, name, sp => ActivatorUtilities.CreateInstance<TOrchestrator>(sp), "orchestrator");
        return this;
    }

    /// <summary>Registers an orchestrator function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="implementation">The orchestration logic (same determinism rules as a class).</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var orchestrator = new FuncTaskOrchestrator<TInput, TOutput>(implementation);
        Add(_orchestrators, name, _ => orchestrator, "orchestrator");
        return this;
    }

    /// <summary>Registers an orchestrator function without output.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="implementation">The orchestration logic.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestratorFunc<TInput>(string name, Func<TaskOrchestrationContext, TInput, Task> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddOrchestratorFunc<TInput, object?>(name, async (ctx, input) =>
        {
            await implementation(ctx, input);
            return null;
        });
    }

    /// <summary>Registers an activity class under its type name.</summary>
    /// <typeparam name="TActivity">The activity type.</typeparam>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity => AddActivity<TActivity>(typeof(TActivity).Name);

    /// <summary>Registers an activity class under <paramref name="name"/>.</summary>
    /// <typeparam name="TActivity">The activity type.</typeparam>
    /// <param name="name">The name.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity<TActivity>(string name)
        where TActivity : class, ITaskActivity
    {
        Add(_activities, name, sp => ActivatorUtilities.CreateInstance<TActivity>(sp), "activity");
        return this;
    }

    /// <summary>Registers an asynchronous activity function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="implementation">The activity logic.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var activity = new FuncTaskActivity<TInput, TOutput>(implementation);
        Add(_activities, name, _ => activity, "activity");
        return this;
    }

    /// <summary>Registers a synchronous activity function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="implementation">The activity logic.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, TOutput> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddActivityFunc<TInput, TOutput>(name, (ctx, input) => Task.FromResult(implementation(ctx, input)));
    }

    /// <summary>Creates the orchestrator registered under <paramref name="name"/>, or null.</summary>
    /// <param name="name">The name.</param>
    /// <param name="services">Services for constructor injection.</param>
    /// <returns>The orchestrator, or null when unknown.</returns>
    internal ITaskOrchestrator? CreateOrchestrator(string name, IServiceProvider services) =>
        _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;

    /// <summary>Creates the activity registered under <paramref name="name"/>, or null.</summary>
    /// <param name="name">The name.</param>
    /// <param name="services">Scoped services for constructor injection.</param>
    /// <returns>The activity, or null when unknown.</returns>
    internal ITaskActivity? CreateActivity(string name, IServiceProvider services) =>
        _activities.TryGetValue(name, out var factory) ? factory(services) : null;

    private static void Add<T>(Dictionary<string, Func<IServiceProvider, T>> map, string name, Func<IServiceProvider, T> factory, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!map.TryAdd(name, factory))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered.", nameof(name));
        }
    }
}
