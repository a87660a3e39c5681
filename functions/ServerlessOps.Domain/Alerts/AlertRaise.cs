using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// A request to raise an alert (<see cref="IAlertRaiser.RaiseAsync"/>): the brand, what went wrong, about what,
/// and the facts. Raising the same brand, kind and subject again is the same alert (see <see cref="AlertRaising"/>).
/// </summary>
/// <param name="BrandId">The brand whose people are told.</param>
/// <param name="Kind">What went wrong.</param>
/// <param name="Subject">What it is about.</param>
/// <param name="Message">One or two sentences for the owner: what happened and what to do; at most 2,000 characters.</param>
public sealed record AlertRaise(string BrandId, AlertKind Kind, AlertSubject Subject, string Message)
{
    public const int MaxMessageLength = 2000;
    public const int MaxEvidenceEntries = 20;
    public const int MaxEvidenceKeyLength = 64;
    public const int MaxEvidenceValueLength = 1000;
    public const int MaxOccurrenceKeyLength = 100;

    /// <summary>The channel the problem is on, when it is on one: picks the channel-specific owner of the signal.</summary>
    public SalesChannel? Channel { get; init; }

    /// <summary>Whose problem it is; default the kind's signal (<see cref="AlertKindInfo.Signal"/>).</summary>
    public BrandSignal? Signal { get; init; }

    /// <summary>Default the kind's severity. A rise over what was last notified notifies again.</summary>
    public AlertSeverity? Severity { get; init; }

    /// <summary>Optional; a material rise over what was last notified notifies again.</summary>
    public MoneyAtStake? MoneyAtStake { get; init; }

    /// <summary>
    /// Small facts an owner needs to act without digging (<c>shipBy</c>, <c>floor</c>, <c>httpStatus</c>): at most
    /// 20 entries, keys up to 64 characters, values up to 1,000. The latest raise's evidence replaces the previous.
    /// Never a secret or personal data: it is sent to the chat channel.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Evidence { get; init; }

    /// <summary>
    /// Names this one raise, the same on every execution of it, for callers that may run it more than once (an
    /// activity runs at least once: a retry, or a second worker taking it over): a raise whose key the alert already
    /// counted changes nothing (<see cref="AlertRaiseOutcome.AlreadyCounted"/>). Null counts every raise. At most
    /// 100 characters.
    /// </summary>
    public string? OccurrenceKey { get; init; }

    /// <summary>Throws naming the first problem: a raise that breaks these limits is a bug in the raising code.</summary>
    public void Validate()
    {
        if (!BrandIds.IsValid(BrandId))
        {
            throw new ArgumentException($"'{BrandId}' is not a brand id: {BrandIds.Rule}.", nameof(BrandId));
        }

        _ = Kind.Describe();
        ArgumentNullException.ThrowIfNull(Subject);
        Subject.Validate();
        if (string.IsNullOrWhiteSpace(Message) || Message.Length > MaxMessageLength)
        {
            throw new ArgumentException($"An alert message of 1-{MaxMessageLength} characters is required ({Kind.Slug()} on {Subject}).", nameof(Message));
        }

        if (Signal is { } signal && !Enum.IsDefined(signal))
        {
            throw new ArgumentException($"Unknown signal {signal}.", nameof(Signal));
        }

        if (Severity is { } severity && !Enum.IsDefined(severity))
        {
            throw new ArgumentException($"Unknown severity {severity}.", nameof(Severity));
        }

        if (OccurrenceKey is { } occurrenceKey && (string.IsNullOrWhiteSpace(occurrenceKey) || occurrenceKey.Length > MaxOccurrenceKeyLength))
        {
            throw new ArgumentException($"An occurrence key is 1-{MaxOccurrenceKeyLength} characters; received '{occurrenceKey}' ({Kind.Slug()} on {Subject}).", nameof(OccurrenceKey));
        }

        MoneyAtStake?.Validate();
        var evidence = Evidence ?? new Dictionary<string, string>();
        if (evidence.Count > MaxEvidenceEntries)
        {
            throw new ArgumentException($"At most {MaxEvidenceEntries} evidence entries; received {evidence.Count} ({Kind.Slug()} on {Subject}).", nameof(Evidence));
        }

        foreach (var (key, value) in evidence)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > MaxEvidenceKeyLength)
            {
                throw new ArgumentException($"Evidence keys are 1-{MaxEvidenceKeyLength} characters; received '{key}'.", nameof(Evidence));
            }

            if (value is null || value.Length > MaxEvidenceValueLength)
            {
                throw new ArgumentException($"Evidence '{key}' must be a value of at most {MaxEvidenceValueLength} characters.", nameof(Evidence));
            }
        }
    }
}
