using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Durable;

/// <summary>One contribution of orchestrators and activities to the standalone engine (see <c>AddStandaloneDurableTasks</c>).</summary>
internal sealed record StandaloneTaskRegistration(Action<DurableTaskRegistry> Register);
