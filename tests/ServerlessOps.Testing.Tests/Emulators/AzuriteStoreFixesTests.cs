using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Testing.Tests.Emulators;

/// <summary>
/// infra/local/azurite-store-fixes.js changes what Azurite's store costs, never what it keeps or returns: the batched
/// extent sweep leaves exactly what Azurite's own sweep leaves, table queries and point reads return what Azurite's own
/// code returns, receives still hand out each message once and in order, expired messages still go, and each queue's
/// lookups still see exactly its own messages, and every request is dispatched to the operation Azurite's own dispatch
/// picks.
/// </summary>
public sealed class AzuriteStoreFixesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string SweepCheck = "azurite-extent-sweep-check.js";
    private const string TableCheck = "azurite-table-query-check.js";
    private const string DispatchCheck = "azurite-dispatch-check.js";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExtentSweep_RemovesExactlyTheUnreferencedExtents_AndKeepsTheRestReadable()
    {
        var withFix = await RunCheckAsync(SweepCheck, preloadFix: true);

        Assert.Equal("deleteExtentsInOneBatch", withFix.GetProperty("sweep").GetString());
        Assert.Equal(500, withFix.GetProperty("deleted").GetInt32());
        Assert.Equal(1000, withFix.GetProperty("metadataLeft").GetInt32());
        Assert.Equal(0, withFix.GetProperty("unreferencedLeft").GetInt32());
        Assert.Equal(0, withFix.GetProperty("chunksOfUnreferencedLeft").GetInt32());
        Assert.Equal("message 1", withFix.GetProperty("keptReads").GetString());
        Assert.Equal(1, withFix.GetProperty("lateFound").GetInt32());
        Assert.Equal("after the sweep", withFix.GetProperty("lateReads").GetString());
    }

    [Fact]
    public async Task ExtentSweep_LeavesWhatAzuritesOwnSweepLeaves()
    {
        var withFix = await RunCheckAsync(SweepCheck, preloadFix: true);
        var stock = await RunCheckAsync(SweepCheck, preloadFix: false);

        Assert.Equal("deleteExtents", stock.GetProperty("sweep").GetString());
        foreach (var outcome in new[] { "deleted", "metadataLeft", "unreferencedLeft", "chunksOfUnreferencedLeft", "keptReads", "lateFound", "lateReads" })
        {
            Assert.Equal(stock.GetProperty(outcome).ToString(), withFix.GetProperty(outcome).ToString());
        }
    }

    [Fact]
    public async Task TableQueriesAndPointReads_ReturnWhatAzuritesOwnCodeReturns()
    {
        // Pinned partitions (alone, in an and, quoted, empty, on the right), ors, nots, ranges, no filter, paged by 4.
        var withFix = await RunCheckAsync(TableCheck, preloadFix: true);
        var stock = await RunCheckAsync(TableCheck, preloadFix: false);

        Assert.True(withFix.GetProperty("fixed").GetBoolean());
        Assert.False(stock.GetProperty("fixed").GetBoolean());
        Assert.Equal(6, withFix.GetProperty("queries").GetProperty("PartitionKey eq 'o''brien'").EnumerateArray().Sum(page => page.GetArrayLength()));
        Assert.Equal(2, withFix.GetProperty("queries").GetProperty("PartitionKey eq 'instance-a'").GetArrayLength());
        Assert.Equal(stock.GetProperty("queries").ToString(), withFix.GetProperty("queries").ToString());
        Assert.Equal(stock.GetProperty("pointReads").ToString(), withFix.GetProperty("pointReads").ToString());
    }

    [Fact]
    public async Task Dispatch_WithEachTemplateCompiledOnce_PicksTheOperationsAzuritesOwnDispatchPicks()
    {
        // The fix hands back one compiled URI template per operation path; a template that kept state from its last
        // match would answer the second pass differently, and a wrong cache key would match another operation's path.
        var withFix = await RunCheckAsync(DispatchCheck, preloadFix: true);
        var stock = await RunCheckAsync(DispatchCheck, preloadFix: false);

        Assert.True(withFix.GetProperty("cached").GetBoolean());
        Assert.False(stock.GetProperty("cached").GetBoolean());
        Assert.InRange(withFix.GetProperty("templatesCompiled").GetInt32(), 10, 20); // the three services' operation paths
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            var passes = withFix.GetProperty("answers").GetProperty(service);
            Assert.Equal(passes[0].ToString(), passes[1].ToString());
            Assert.Equal(stock.GetProperty("answers").GetProperty(service).ToString(), passes.ToString());
        }

        var blob = withFix.GetProperty("answers").GetProperty("blob")[0].GetProperty("operations").EnumerateArray().Select(answer => answer.GetString()).ToList();
        Assert.Contains("PUT /container/blob?: BlockBlob_Upload", blob);
        Assert.Contains("PUT /container/blob?comp=tags: Blob_SetTags", blob);
    }

    [Fact]
    public async Task Queue_ReceivesInBatches_HandOutEveryMessageOnceInSendOrder()
    {
        // A receive marks its messages invisible one at a time under the fix; the indices it moves them in must stay
        // sorted, or a later receive would skip a visible message or return an invisible one.
        var queue = new QueueClient(azurite.ConnectionString, "receive" + Guid.NewGuid().ToString("N")[..20]);
        await queue.CreateIfNotExistsAsync(cancellationToken: Token);
        var sent = Enumerable.Range(0, 100).Select(i => $"message {i:D3}").ToList();
        foreach (var text in sent)
        {
            await queue.SendMessageAsync(text, Token);
        }

        var received = new List<string>();
        for (var batch = 0; batch < 10; batch++)
        {
            var messages = (await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(5), Token)).Value;
            if (messages.Length == 0)
            {
                break;
            }

            received.AddRange(messages.Select(message => message.MessageText));
        }

        Assert.Equal(sent, received);
        Assert.Empty((await queue.PeekMessagesAsync(maxMessages: 32, Token)).Value);
        Assert.Equal(100, (await queue.GetPropertiesAsync(Token)).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Queue_ExpiredMessageIsGone_WhileTheOthersStay()
    {
        // Every receive first removes the queue's expired messages; the fix only skips that step when there are none.
        var queue = new QueueClient(azurite.ConnectionString, "expiry" + Guid.NewGuid().ToString("N")[..20]);
        await queue.CreateIfNotExistsAsync(cancellationToken: Token);
        await queue.SendMessageAsync("expires", visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(1), Token);
        await queue.SendMessageAsync("stays", Token);
        var beforeExpiry = await queue.PeekMessagesAsync(maxMessages: 32, Token);
        Assert.Equal(2, beforeExpiry.Value.Length);

        await Task.Delay(TimeSpan.FromSeconds(2.5), Token);
        var received = await queue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: Token);

        Assert.Equal(["stays"], received.Value.Select(message => message.MessageText));
        await queue.DeleteMessageAsync(received.Value[0].MessageId, received.Value[0].PopReceipt, Token);
        Assert.Empty((await queue.PeekMessagesAsync(maxMessages: 32, Token)).Value);
    }

    [Fact]
    public async Task Queues_SharingTheService_EachReceivePeekCountDeleteAndClearSeesOnlyItsOwnMessages()
    {
        // The fix narrows every message lookup to the queue through its index before the other conditions apply; a
        // lookup narrowed to the wrong queue, or not narrowed at all, shows here as another queue's message.
        var suffix = Guid.NewGuid().ToString("N")[..16];
        var (left, right, third) = (QueueNamed("left" + suffix), QueueNamed("right" + suffix), QueueNamed("third" + suffix));
        foreach (var queue in new[] { left, right, third })
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: Token);
        }

        for (var i = 0; i < 40; i++)
        {
            foreach (var queue in new[] { left, right, third })
            {
                await queue.SendMessageAsync(TextOf(queue, i), Token);
            }
        }

        var leftTexts = Enumerable.Range(0, 40).Select(i => TextOf(left, i)).ToList();
        Assert.Equal(leftTexts[..32], (await left.PeekMessagesAsync(maxMessages: 32, Token)).Value.Select(message => message.MessageText));

        var received = new List<QueueMessage>();
        received.AddRange((await left.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(5), Token)).Value);
        received.AddRange((await left.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(5), Token)).Value);
        Assert.Equal(leftTexts, received.Select(message => message.MessageText));
        foreach (var message in received.Take(10))
        {
            await left.DeleteMessageAsync(message.MessageId, message.PopReceipt, Token);
        }

        await right.ClearMessagesAsync(Token);

        Assert.Equal(30, (await left.GetPropertiesAsync(Token)).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await right.GetPropertiesAsync(Token)).Value.ApproximateMessagesCount);
        Assert.Equal(40, (await third.GetPropertiesAsync(Token)).Value.ApproximateMessagesCount);
        Assert.Empty((await left.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: Token)).Value);
        Assert.Equal(
            Enumerable.Range(0, 32).Select(i => TextOf(third, i)),
            (await third.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: Token)).Value.Select(message => message.MessageText));
    }

    private QueueClient QueueNamed(string name) => new(azurite.ConnectionString, name);

    private static string TextOf(QueueClient queue, int i) => $"{queue.Name} {i:D2}";

    private static async Task<JsonElement> RunCheckAsync(string checkScript, bool preloadFix)
    {
        await NodeModules.EnsureInstalledAsync(Token);
        string[] preload = preloadFix ? ["--require", Path.Combine(RepositoryPaths.LocalStack, "azurite-store-fixes.js")] : [];
        var script = Path.Combine(RepositoryPaths.Root, "tests", "ServerlessOps.Testing.Tests", "Emulators", checkScript);

        var node = await ToolProcess.RunAsync("node", RepositoryPaths.LocalStack, [.. preload, script], input: null, TimeSpan.FromMinutes(2), Token);

        Assert.True(node.ExitCode == 0, $"{checkScript} exited {node.ExitCode}: {node.StandardError}");
        return JsonDocument.Parse(node.StandardOutput).RootElement.Clone();
    }
}
