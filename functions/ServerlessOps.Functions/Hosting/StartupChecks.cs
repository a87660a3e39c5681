namespace ServerlessOps.Functions.Hosting;

/// <summary>Logs, once at start, what the health check reports: settings whose Key Vault reference did not resolve.</summary>
internal sealed class StartupChecks(UnresolvedSecretReferences unresolved, ILogger<StartupChecks> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (unresolved.SettingNames.Count > 0)
        {
            logger.UnresolvedSecretReferences(unresolved.SettingNames);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
