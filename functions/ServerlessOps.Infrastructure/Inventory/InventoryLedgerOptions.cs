using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// The inventory ledger, section <c>InventoryLedger</c>: how a movement that loses the race for its balance (a 412:
/// another movement wrote it since it was read) backs off and how often it tries again before giving up.
/// </summary>
public sealed class InventoryLedgerOptions
{
    public const string SectionName = "InventoryLedger";

    /// <summary>
    /// Attempts after the first when the balance changed under a movement. Default 60; 1 to 1000. Each lost attempt means
    /// another movement of the same SKU and location went through, so a long run of losses is a hot SKU, not a fault;
    /// when they run out the call fails with its entry pending, and calling again with the same movement finishes it.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConflictRetries { get; set; } = 60;

    /// <summary>First back-off after a lost race, grown exponentially with jitter (Polly). Default 5 ms; 0 to 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan ConflictBaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Longest back-off between two attempts. Default 200 ms; 1 ms to 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan ConflictMaxDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
