using Microsoft.Extensions.Hosting;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>Creates the notification queue before the app takes traffic. Idempotent; in Azure the Bicep template created it already.</summary>
internal sealed class AlertsInitializer(AlertNotificationHandOff queue) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => queue.EnsureCreatedAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
