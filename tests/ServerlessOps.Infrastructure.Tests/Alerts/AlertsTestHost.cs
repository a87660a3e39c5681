using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>
/// One app instance's alert services, wired by <see cref="AlertsServiceCollectionExtensions.AddAlerts"/> on a real
/// Cosmos database and Azurite queue. Two hosts on the same database and queue are two instances of the app.
/// </summary>
internal sealed class AlertsTestHost : IAsyncDisposable
{
    public const string BrandId = "acme";
    public const string Owner = "ops@acme-outfitters.example";

    private readonly ServiceProvider _provider;

    private AlertsTestHost(ServiceProvider provider, AlertsTestHostSettings settings)
    {
        _provider = provider;
        Settings = settings;
    }

    public AlertsTestHostSettings Settings { get; }

    public IServiceProvider Services => _provider;

    public IAlertRaiser Raiser => _provider.GetRequiredService<IAlertRaiser>();

    public IAlertStore Store => _provider.GetRequiredService<IAlertStore>();

    public AlertUpdater Updater => _provider.GetRequiredService<AlertUpdater>();

    public AlertNotifier Notifier => _provider.GetRequiredService<AlertNotifier>();

    public AlertSweep Sweep => _provider.GetRequiredService<AlertSweep>();

    public AlertNotificationHandOff Queue => _provider.GetRequiredService<AlertNotificationHandOff>();

    public IReadOnlyList<FakeLogRecord> Logs => _provider.GetFakeLogCollector().GetSnapshot();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Settings for a fresh database and queue; pass the same to a second host to share them.</summary>
    public static AlertsTestHostSettings NewSettings(CosmosServerFixture cosmos, AzuriteFixture azurite, Uri? webhook)
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        return new AlertsTestHostSettings(cosmos, azurite, $"alerts-{run}", $"alerts-{run}", webhook);
    }

    public static async Task<AlertsTestHost> StartAsync(
        AlertsTestHostSettings settings, TimeProvider? time = null, IDictionary<string, string?>? overrides = null, bool createQueue = true, IReadOnlyList<string>? otherBrands = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var values = new Dictionary<string, string?>
        {
            ["Cosmos:ConnectionString"] = settings.Cosmos.ConnectionString,
            ["Cosmos:DatabaseName"] = settings.DatabaseName,
            ["Cosmos:CreateIfMissing"] = "true",
            ["Cosmos:AcceptEmulatorCertificate"] = "true",
            ["Alerts:QueueName"] = settings.QueueName,
            ["Alerts:WebhookUrl"] = settings.Webhook?.ToString() ?? string.Empty,
            ["Alerts:RetryBaseDelayMilliseconds"] = "10",
            ["Alerts:RetryAfter"] = "00:02:00",
            [$"Brands:{BrandId}:Owner"] = Owner,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(new BrandDirectory(
                new[] { BrandId }.Concat(otherBrands ?? []).Select(brand =>
                    new ChannelAccountRegistration(new ChannelAccount(brand, SalesChannel.Shopify, brand == BrandId ? "acme-outfitters.myshopify.com" : $"{brand}.myshopify.com"), new ChannelCredentials(["secret"])))))
            .AddSingleton(_ => StorageClients.CreateQueueService(new StorageOptions { ConnectionString = settings.Azurite.ConnectionString }));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddCosmosStores(configuration).AddAlerts(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<AlertOptions>>().Value;
        await provider.GetRequiredService<ICosmosInitializer>().InitializeAsync(Token);
        if (createQueue)
        {
            await provider.GetRequiredService<AlertNotificationHandOff>().EnsureCreatedAsync(Token);
        }

        return new AlertsTestHost(provider, settings);
    }

    /// <summary>Does what the queue function does with every message on the queue now; returns how many there were.</summary>
    public async Task<int> DrainQueueAsync()
    {
        var handled = 0;
        while (true)
        {
            var messages = (await Queue.Queue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: Token)).Value;
            if (messages.Length == 0)
            {
                return handled;
            }

            foreach (var message in messages)
            {
                var pointer = AlertNotificationMessage.Parse(message.Body.ToString());
                await Notifier.SendAsync(pointer.BrandId, pointer.AlertId, Token);
                await Queue.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Token);
                handled++;
            }
        }
    }

    /// <summary>Messages on the queue now, without taking them.</summary>
    public async Task<int> QueuedAsync() => (await Queue.Queue.PeekMessagesAsync(maxMessages: 32, cancellationToken: Token)).Value.Length;

    public async Task<Alert> GetAsync(string alertId) =>
        (await Store.GetAsync(BrandId, alertId, Token))?.Value ?? throw new InvalidOperationException($"Alert {alertId} is not stored.");

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}

/// <summary>Where a <see cref="AlertsTestHost"/> keeps its alerts and queue, and where it posts.</summary>
internal sealed record AlertsTestHostSettings(CosmosServerFixture Cosmos, AzuriteFixture Azurite, string DatabaseName, string QueueName, Uri? Webhook);
