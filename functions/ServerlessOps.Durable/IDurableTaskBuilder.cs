using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable;

/// <summary>
/// Configures the durable runtime inside <see cref="DurableTaskServiceCollectionExtensions.AddDurableTask"/>:
/// register orchestrators and activities on <see cref="Registry"/>, pick a backend (<c>UseInMemoryBackend</c>,
/// or a storage package's extension such as <c>AddAzureStorageTaskHub</c>, which registers an
/// <see cref="Backend.IOrchestrationBackend"/> singleton in <see cref="Services"/>).
/// </summary>
public interface IDurableTaskBuilder
{
    /// <summary>The application's services (for backend packages to register into).</summary>
    IServiceCollection Services { get; }

    /// <summary>The orchestrators and activities the worker runs.</summary>
    DurableTaskRegistry Registry { get; }
}
