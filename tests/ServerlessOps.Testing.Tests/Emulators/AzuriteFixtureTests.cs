using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Testing.Tests.Emulators;

public sealed class AzuriteFixtureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Table_UpsertThenGet_ReturnsEntity()
    {
        var table = new TableClient(azurite.ConnectionString, UniqueName("tbl"));
        await table.CreateIfNotExistsAsync(Token);

        var entity = new TableEntity("brand-1", "order-1") { ["Total"] = 42.5 };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, Token);
        var read = await table.GetEntityAsync<TableEntity>("brand-1", "order-1", cancellationToken: Token);

        Assert.Equal(42.5, read.Value.GetDouble("Total"));
        Assert.False(string.IsNullOrEmpty(read.Value.ETag.ToString()));
    }

    [Fact]
    public async Task Queue_SendThenReceive_ReturnsMessage()
    {
        var queue = new QueueClient(azurite.ConnectionString, UniqueName("q"));
        await queue.CreateIfNotExistsAsync(cancellationToken: Token);

        await queue.SendMessageAsync("hello", Token);
        var received = await queue.ReceiveMessageAsync(cancellationToken: Token);

        Assert.NotNull(received.Value);
        Assert.Equal("hello", received.Value.MessageText);
        await queue.DeleteMessageAsync(received.Value.MessageId, received.Value.PopReceipt, Token);
    }

    [Fact]
    public async Task Blob_UploadThenDownload_ReturnsSameBytes()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, UniqueName("c"));
        await container.CreateIfNotExistsAsync(cancellationToken: Token);
        var blob = container.GetBlobClient("payloads/one.json");

        await blob.UploadAsync(BinaryData.FromString("{\"a\":1}"), overwrite: true, Token);
        var downloaded = await blob.DownloadContentAsync(Token);

        Assert.Equal("{\"a\":1}", downloaded.Value.Content.ToString());
    }

    [Fact]
    public void ConnectionString_NamesAllThreeLoopbackEndpoints()
    {
        Assert.Contains($"BlobEndpoint=http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.Contains($"QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.Contains($"TableEndpoint=http://127.0.0.1:{azurite.TablePort}/devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(3, new[] { azurite.BlobPort, azurite.QueuePort, azurite.TablePort }.Distinct().Count());
    }

    [Fact]
    public async Task Dispose_KillsProcessAndFreesPorts()
    {
        var own = await AzuriteFixture.StartAsync(Token);
        int[] ports = [own.BlobPort, own.QueuePort, own.TablePort];
        var pids = own.ProcessIds;
        Assert.Equal(3, pids.Distinct().Count());
        Assert.True(await EmulatorProcess.AcceptsAsync(own.TablePort, Token));

        await own.DisposeAsync();

        foreach (var port in ports)
        {
            Assert.False(await EmulatorProcess.AcceptsAsync(port, Token), $"port {port} still accepts after dispose");
        }

        foreach (var pid in pids)
        {
            Assert.True(ProcessIsGone(pid), $"process {pid} still runs after dispose");
        }
    }

    internal static bool ProcessIsGone(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    // Table names: letters and digits only, start with a letter; queue and container names: lower case.
    private static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..20];
}
