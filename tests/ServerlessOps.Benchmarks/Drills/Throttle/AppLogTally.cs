using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ServerlessOps.Benchmarks.Drills.Throttle;

/// <summary>
/// Reads the app's console output as it comes (the stack logs at Warning and above): counts the entries by level,
/// category and event id, and adds up the acknowledged deliveries whose queue hand-off failed (event 4300), which wait
/// for the stranded-delivery sweep.
/// </summary>
internal sealed partial class AppLogTally
{
    private readonly ConcurrentDictionary<string, int> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _firstErrorMessages = new(StringComparer.Ordinal);
    private readonly Lock _reading = new();
    private string? _awaitingMessageOf;
    private int _strandedHandOffs;

    /// <summary>The app's "delivery quarantined" warnings.</summary>
    public int Quarantined => Count("warn", "[4203]");

    /// <summary>Channel circuits opened (event 4107, one per account and client each time).</summary>
    public int CircuitsOpened => Count("warn", "[4107]");

    public int StrandedHandOffs => Volatile.Read(ref _strandedHandOffs);

    /// <summary>Instance rows the engine had left at Pending after a half-failed first commit, set to Running (event 2111).</summary>
    public int PendingRowsRepaired => Count("warn", "[2111]");

    /// <summary>Entries at Error or Critical.</summary>
    public int Errors => _entries.Where(e => e.Key.StartsWith("fail", StringComparison.Ordinal) || e.Key.StartsWith("crit", StringComparison.Ordinal)).Sum(e => e.Value);

    /// <summary>
    /// The entries at Error or Critical by kind, most frequent first, each with the first message logged of that kind,
    /// so a drill's table says what failed instead of only how often.
    /// </summary>
    public IEnumerable<string> ErrorKinds(int most) => _entries
        .Where(e => e.Key.StartsWith("fail", StringComparison.Ordinal) || e.Key.StartsWith("crit", StringComparison.Ordinal))
        .OrderByDescending(e => e.Value)
        .Take(most)
        .Select(e => $"{e.Key} × {e.Value}: {(_firstErrorMessages.TryGetValue(e.Key, out var message) ? Shorten(message) : "(no message)")}");

    /// <summary>One line of the app's console output (stdout and stderr arrive on two threads: one line at a time).</summary>
    public void Add(string line)
    {
        lock (_reading)
        {
            AddInOrder(line);
        }
    }

    private void AddInOrder(string line)
    {
        if (_awaitingMessageOf is { } kind && !EntryHeader().IsMatch(line))
        {
            _firstErrorMessages.TryAdd(kind, line.Trim());
            _awaitingMessageOf = null;
            return;
        }

        _awaitingMessageOf = null;
        if (EntryHeader().Match(line) is { Success: true } header)
        {
            var key = $"{header.Groups[1].Value} {header.Groups[2].Value}";
            _entries.AddOrUpdate(key, 1, (_, count) => count + 1);
            if (header.Groups[1].Value is "fail" or "crit" && !_firstErrorMessages.ContainsKey(key))
            {
                _awaitingMessageOf = key;
            }
        }
        else if (HandOffFailed().Match(line) is { Success: true } failed)
        {
            Interlocked.Add(ref _strandedHandOffs, int.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The <paramref name="most"/> most frequent entries, "level Category[id] × n".</summary>
    public string Top(int most) => string.Join("; ", _entries.OrderByDescending(e => e.Value).Take(most).Select(e => $"{e.Key} × {e.Value}"));

    private static string Shorten(string message) => message.Length <= 160 ? message : string.Concat(message.AsSpan(0, 157), "...");

    private int Count(string level, string eventId) =>
        _entries.Where(e => e.Key.StartsWith(level, StringComparison.Ordinal) && e.Key.EndsWith(eventId, StringComparison.Ordinal)).Sum(e => e.Value);

    /// <summary>The console logger's first line of an entry: <c>warn: Some.Category[4203]</c>.</summary>
    [GeneratedRegex(@"^(warn|fail|crit): ([\w.`+]+\[\d+\])")]
    private static partial Regex EntryHeader();

    [GeneratedRegex(@"(\d+) were acknowledged already and wait for the recovery sweep")]
    private static partial Regex HandOffFailed();
}
