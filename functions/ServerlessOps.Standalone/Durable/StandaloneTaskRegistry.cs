using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Durable;

/// <summary>The orchestrators and activities the app registered for the standalone engine (one per host).</summary>
internal sealed class StandaloneTaskRegistry(DurableTaskRegistry registry)
{
    public DurableTaskRegistry Registry { get; } = registry;

    /// <summary>One registry holding every contribution; a name registered twice fails here, at the engine's start.</summary>
    public static StandaloneTaskRegistry From(IEnumerable<StandaloneTaskRegistration> registrations)
    {
        var registry = new DurableTaskRegistry();
        foreach (var registration in registrations)
        {
            registration.Register(registry);
        }

        return new StandaloneTaskRegistry(registry);
    }
}
