using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Durable;

/// <summary>The orchestrators and activities the app registered for the standalone engine (one per host).</summary>
internal sealed class StandaloneTaskRegistry(DurableTaskRegistry registry)
{
    public DurableTaskRegistry Registry { get; } = registry;
}
