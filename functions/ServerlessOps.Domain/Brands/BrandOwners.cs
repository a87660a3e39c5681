using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Brands;

/// <summary>
/// Who is told about what, per brand: a default owner, and optional owners per signal and per signal on one channel.
/// <see cref="For"/> resolves the most specific: the channel-specific owner of the signal, else the signal's owner,
/// else <see cref="Default"/>, so every alert has exactly one named owner.
/// </summary>
/// <param name="Default">Owner of everything without a more specific owner: an e-mail address.</param>
/// <param name="Assignments">Owners per signal (channel null) and per signal and channel; at most one per pair.</param>
public sealed record BrandOwners(string Default, IReadOnlyList<OwnerAssignment>? Assignments = null)
{
    /// <summary>Longest owner address accepted (RFC 5321's path limit).</summary>
    public const int MaxOwnerLength = 254;

    /// <summary>
    /// The default owner of a brand created from settings that name none: the registry requires an address, and RFC 2606
    /// reserves <c>.invalid</c>, so it reaches nobody. It stands for "no owner" (<see cref="Named"/>).
    /// </summary>
    public const string Unassigned = "owner-unset@serverlessops.invalid";

    /// <summary>The owner of <paramref name="signal"/> on <paramref name="channel"/> (or across channels when null).</summary>
    public string For(BrandSignal signal, SalesChannel? channel = null)
    {
        var assignments = Assignments ?? [];
        if (channel is not null && assignments.FirstOrDefault(a => a.Signal == signal && a.Channel == channel) is { } specific)
        {
            return specific.Owner;
        }

        return assignments.FirstOrDefault(a => a.Signal == signal && a.Channel is null)?.Owner ?? Default;
    }

    /// <summary>
    /// The person who owns <paramref name="signal"/> on <paramref name="channel"/> (<see cref="For"/>), or null when that
    /// is <see cref="Unassigned"/>: what an alert names and notifies, so it says "unassigned" rather than a made-up address.
    /// </summary>
    public string? Named(BrandSignal signal, SalesChannel? channel = null)
    {
        var owner = For(signal, channel);
        return string.Equals(owner, Unassigned, StringComparison.OrdinalIgnoreCase) ? null : owner;
    }

    /// <summary>What a report or roadmap shows as the owner of a signal nobody owns (<see cref="Named"/> is null).</summary>
    public const string UnassignedLabel = "unassigned";

    /// <summary>
    /// The owner of <paramref name="signal"/> on <paramref name="channel"/> as reports, roadmaps and their daily checks
    /// show it: <see cref="Named"/>, or <see cref="UnassignedLabel"/>, so a reader sees that nobody owns it rather than an
    /// address that reaches nobody.
    /// </summary>
    public string Shown(BrandSignal signal, SalesChannel? channel = null) => Named(signal, channel) ?? UnassignedLabel;

    /// <summary>
    /// <paramref name="owner"/> as a report shows it: <see cref="UnassignedLabel"/> for <see cref="Unassigned"/>, which a
    /// roadmap published before reports said "unassigned" may still carry, otherwise as it is.
    /// </summary>
    public static string Shown(string owner) =>
        string.Equals(owner, Unassigned, StringComparison.OrdinalIgnoreCase) ? UnassignedLabel : owner;

    /// <summary>Every problem, named by path under <paramref name="path"/>.</summary>
    public IEnumerable<FieldError> Validate(string path = "owners")
    {
        if (CheckOwner(Default) is { } problem)
        {
            yield return new FieldError($"{path}.default", problem);
        }

        var seen = new HashSet<(BrandSignal, SalesChannel?)>();
        var assignments = Assignments ?? [];
        for (var i = 0; i < assignments.Count; i++)
        {
            var assignment = assignments[i];
            var at = $"{path}.assignments[{i}]";
            if (assignment is null)
            {
                yield return new FieldError(at, "An assignment is null.");
                continue;
            }

            if (!Enum.IsDefined(assignment.Signal))
            {
                yield return new FieldError($"{at}.signal", $"Unknown signal; expected one of {string.Join(", ", Enum.GetNames<BrandSignal>())}.");
            }

            if (assignment.Channel is { } channel && !Enum.IsDefined(channel))
            {
                yield return new FieldError($"{at}.channel", $"Unknown channel; expected one of {string.Join(", ", Enum.GetNames<SalesChannel>())}.");
            }

            if (CheckOwner(assignment.Owner) is { } ownerProblem)
            {
                yield return new FieldError($"{at}.owner", ownerProblem);
            }

            if (!seen.Add((assignment.Signal, assignment.Channel)))
            {
                yield return new FieldError(at, $"{assignment.Signal}{(assignment.Channel is { } c ? " on " + c : string.Empty)} has an owner already; one owner per signal and channel.");
            }
        }
    }

    /// <summary>Null when <paramref name="owner"/> looks like an e-mail address (one '@', no spaces, at most 254 characters).</summary>
    public static string? CheckOwner(string? owner)
    {
        if (string.IsNullOrWhiteSpace(owner))
        {
            return "An owner is required: the e-mail address alerts go to.";
        }

        var at = owner.IndexOf('@', StringComparison.Ordinal);
        return owner.Length > MaxOwnerLength || at <= 0 || at != owner.LastIndexOf('@') || at == owner.Length - 1 || owner.Any(char.IsWhiteSpace)
            ? $"'{owner}' is not an e-mail address (name@domain, at most {MaxOwnerLength} characters)."
            : null;
    }
}
