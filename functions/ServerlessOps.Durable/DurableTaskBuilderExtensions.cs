using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Backend.InMemory;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable;

/// <summary>Fluent configuration on <see cref="IDurableTaskBuilder"/>.</summary>
public static class DurableTaskBuilderExtensions
{
    /// <summary>Registers orchestrators and activities.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Adds tasks to the registry.</param>
    /// <returns>The builder.</returns>
    public static IDurableTaskBuilder AddTasks(this IDurableTaskBuilder builder, Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        configure(builder.Registry);
        return builder;
    }

    /// <summary>Uses <typeparamref name="TBackend"/> (a singleton) as the storage backend, replacing any other.</summary>
    /// <typeparam name="TBackend">The backend type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IDurableTaskBuilder UseBackend<TBackend>(this IDurableTaskBuilder builder)
        where TBackend : class, IOrchestrationBackend
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TBackend>();
        return builder.UseBackend(sp => sp.GetRequiredService<TBackend>());
    }

    /// <summary>Uses the backend <paramref name="factory"/> creates (once) as the storage backend, replacing any other.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the backend.</param>
    /// <returns>The builder.</returns>
    public static IDurableTaskBuilder UseBackend(this IDurableTaskBuilder builder, Func<IServiceProvider, IOrchestrationBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Uses an <see cref="InMemoryOrchestrationBackend"/> on the registered <see cref="TimeProvider"/>
    /// (tests and local runs; state is lost on exit).</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IDurableTaskBuilder UseInMemoryBackend(this IDurableTaskBuilder builder) =>
        builder.UseBackend(sp => new InMemoryOrchestrationBackend(sp.GetService<TimeProvider>()));

    /// <summary>Replaces the default <see cref="JsonDataConverter"/>; every client and worker of the hub must use the same.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="converter">The converter.</param>
    /// <returns>The builder.</returns>
    public static IDurableTaskBuilder UseDataConverter(this IDurableTaskBuilder builder, DataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton(converter));
        return builder;
    }

    /// <summary>Adjusts <see cref="DurableTaskOptions"/> after configuration binding.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder.</returns>
    public static IDurableTaskBuilder Configure(this IDurableTaskBuilder builder, Action<DurableTaskOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.PostConfigure(configure);
        return builder;
    }
}
