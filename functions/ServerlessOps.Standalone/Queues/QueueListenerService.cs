using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Standalone.Queues;

/// <summary>
/// The standalone driver for queue triggers, doing what the Functions host's queue trigger does: fetch a
/// batch, invoke the function per message, fetch the next batch once only <c>NewBatchThreshold</c> messages are
/// still running, keep a running message hidden (renewed every third of the visibility timeout), delete on success, leave a message to reappear on failure, and move it to
/// <c>{queue}-poison</c> once its dequeue count passes the limit. Only runs when no Functions host is present.
/// </summary>
public sealed class QueueListenerService : BackgroundService
{
    private readonly IReadOnlyList<IQueueFunction> _functions;
    private readonly QueueServiceClient _queues;
    private readonly QueueListenerOptions _options;
    private readonly int _maxDequeueCount;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueListenerService> _logger;

    public QueueListenerService(
        IEnumerable<IQueueFunction> functions,
        QueueServiceClient queues,
        IOptions<QueueListenerOptions> options,
        TimeProvider time,
        ILogger<QueueListenerService> logger)
    {
        _functions = functions.ToList();
        _queues = queues;
        _options = options.Value;
        _maxDequeueCount = options.Value.MaxDequeueCount;
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_functions.Select(f => ListenAsync(f, stoppingToken)));

    /// <summary>
    /// Polls one queue until shutdown. Nothing but shutdown ends the loop: a failed receive or queue creation
    /// (storage down, a 2 s network timeout under load, an exhausted SDK retry) is logged and retried after
    /// the idle back-off, because a listener that dies leaves every later delivery unprocessed.
    /// </summary>
    private async Task ListenAsync(IQueueFunction function, CancellationToken stoppingToken)
    {
        var queue = _queues.GetQueueClient(function.QueueName);
        var poison = _queues.GetQueueClient(function.QueueName + "-poison");
        var running = new RunningInvocations();
        try
        {
            await PollAsync(function, queue, poison, running, stoppingToken);
        }
        finally
        {
            // Shutting down: let the invocations in hand finish (their messages would otherwise reappear later).
            await running.WaitUntilAtMostAsync(0);
        }
    }

    private async Task PollAsync(IQueueFunction function, QueueClient queue, QueueClient poison, RunningInvocations running, CancellationToken stoppingToken)
    {
        var created = false;
        var delay = _options.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                    _logger.ListenerStarted(function.Name, function.QueueName);
                }

                messages = (await queue.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.ReceiveFailed(function.QueueName, e);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await DelayAsync(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollingInterval.Ticks));
                continue;
            }

            delay = _options.MinPollingInterval;
            foreach (var message in messages)
            {
                running.Start(InvokeAsync(function, queue, poison, message, stoppingToken));
            }

            // Like the host: one slow message does not hold back the next batch, yet no more than
            // BatchSize + NewBatchThreshold run at once.
            await running.WaitUntilAtMostAsync(_options.NewBatchThreshold);
        }
    }

    private async Task InvokeAsync(IQueueFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > _maxDequeueCount)
            {
                await poison.SendMessageAsync(message.Body.ToString(), stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                _logger.MovedToPoison(function.Name, message.MessageId, message.DequeueCount);
                return;
            }

            // Like the host, the message stays hidden for as long as its invocation runs (a delivery held back by order
            // flow admission may wait minutes): without it a slow message would reappear, run twice, and count an attempt.
            using var keepHidden = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var lease = KeepHiddenAsync(queue, message, keepHidden.Token);
            try
            {
                await function.HandleAsync(message.Body.ToString(), message.DequeueCount, stoppingToken);
            }
            finally
            {
                await keepHidden.CancelAsync();
            }

            await queue.DeleteMessageAsync(message.MessageId, await lease, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message reappears after its visibility timeout and is processed then.
        }
        catch (Exception e)
        {
            _logger.InvocationFailed(function.Name, message.MessageId, message.DequeueCount, e);
        }
    }

    /// <summary>
    /// Until <paramref name="stop"/>, hides <paramref name="message"/> for another <see cref="QueueListenerOptions.VisibilityTimeout"/>
    /// every third of it, as the Functions host renews the messages its queue trigger is running. A third, not the host's
    /// half: the host holds messages for minutes, while local runs and tests hold them for 5-30 s, and on a busy machine a
    /// late wake-up plus a slow renewal can outlast half of 5 s, letting the message reappear and run a second time.
    /// </summary>
    /// <returns>The pop receipt of the latest renewal, which the delete needs.</returns>
    private async Task<string> KeepHiddenAsync(QueueClient queue, QueueMessage message, CancellationToken stop)
    {
        var popReceipt = message.PopReceipt;
        var every = _options.VisibilityTimeout / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, _time, stop);
                // Not cancelled by stop: a renewal cut off mid-request may still land, and its new pop receipt is the one the delete needs.
                popReceipt = (await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: _options.VisibilityTimeout, cancellationToken: CancellationToken.None)).Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return popReceipt;
        }
        catch (Exception e)
        {
            // Gone or taken over (its pop receipt changed): the invocation goes on; the delete will say whether it still owns it.
            _logger.RenewFailed(message.MessageId, e.Message);
            return popReceipt;
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
