using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Standalone.Queues;

namespace ServerlessOps.Functions.Queues;

/// <summary>
/// Queue trigger on <c>alert-notifications</c> (<c>Alerts:QueueName</c>): posts the pending notification of the alert
/// a raise handed off. A failing chat endpoint is recorded on the alert and left to the retry timer
/// (<c>SweepAlerts</c>) rather than thrown, so the message completes; only a store outage throws, leaving the message
/// to the queue's retries (and the timer covers a message that ends in the poison queue).
/// </summary>
public sealed partial class SendAlertNotification : IQueueFunction
{
    private readonly AlertNotifier _notifier;
    private readonly ILogger<SendAlertNotification> _logger;

    public SendAlertNotification(AlertNotifier notifier, IOptions<AlertOptions> options, ILogger<SendAlertNotification> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _notifier = notifier;
        _logger = logger;
        QueueName = options.Value.QueueName;
    }

    public string Name => nameof(SendAlertNotification);

    public string QueueName { get; }

    [Function(nameof(SendAlertNotification))]
    public Task RunAsync([QueueTrigger("%Alerts:QueueName%", Connection = "Storage")] string message, long dequeueCount, CancellationToken cancellationToken) =>
        HandleAsync(message, dequeueCount, cancellationToken);

    public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        AlertNotificationMessage parsed;
        try
        {
            parsed = AlertNotificationMessage.Parse(message);
        }
        catch (InvalidDataException e)
        {
            // Not ours: retrying cannot make it readable.
            UnreadableMessage(e.Message);
            return;
        }

        var outcome = await _notifier.SendAsync(parsed.BrandId, parsed.AlertId, cancellationToken);
        Handled(parsed.AlertId, parsed.BrandId, parsed.Sequence, outcome);
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Alert notification message dropped: {Reason}")]
    private partial void UnreadableMessage(string reason);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Debug, Message = "Alert {AlertId} of brand {BrandId}: hand-off of notification {Sequence} ended {Outcome}")]
    private partial void Handled(string alertId, string brandId, int sequence, AlertNotifyOutcome outcome);
}
