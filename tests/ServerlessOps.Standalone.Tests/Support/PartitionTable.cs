using Azure.Data.Tables;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>Reads a task hub's partition leases (table partition management): which worker owns which control queue.</summary>
internal static class PartitionTable
{
    /// <summary>The current owner of each partition; empty while none has been claimed.</summary>
    public static async Task<IReadOnlyList<string>> OwnersAsync(AzuriteFixture azurite, string hubName, CancellationToken cancellationToken)
    {
        var table = new TableClient(azurite.ConnectionString, hubName + "Partitions");
        var owners = new List<string>();
        try
        {
            await foreach (var lease in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                owners.Add(lease.GetString("CurrentOwner") ?? string.Empty);
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // The table appears when the first worker starts.
        }

        return owners;
    }

    /// <summary>Waits until every worker in <paramref name="workerIds"/> owns at least one partition.</summary>
    public static async Task WaitUntilSharedAsync(AzuriteFixture azurite, string hubName, params string[] workerIds) =>
        await Deadline.UntilAsync(
            async ct =>
            {
                var owners = await OwnersAsync(azurite, hubName, ct);
                return workerIds.All(owners.Contains) ? "shared" : null;
            },
            $"workers {string.Join(", ", workerIds)} to share the partitions of {hubName}");
}
