using Microsoft.Extensions.Hosting;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>Creates the push queue before the app takes traffic. Idempotent; in Azure the Bicep template may have created it.</summary>
internal sealed class InventoryPushInitializer(InventoryPushHandOff queue) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => queue.EnsureCreatedAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
