namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>The files a generated history was written to, in import order, with what they hold.</summary>
/// <param name="OrderFiles">One JSON Lines file per month, oldest first.</param>
public sealed record HistoryFileSet(
    string Directory,
    IReadOnlyList<string> OrderFiles,
    string AdSpendFile,
    string StockSnapshotsFile,
    string TargetsFile,
    long Orders,
    long OrderLines,
    long AdSpendRows,
    long SnapshotRows);
