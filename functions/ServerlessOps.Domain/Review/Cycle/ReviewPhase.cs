using System.Text.Json.Serialization;

namespace ServerlessOps.Domain.Review.Cycle;

/// <summary>
/// The phases of the loop, in order; the review's custom status names the one it is in, by name (a person reads it in
/// <c>GET …/reviews/{month}</c>, and a number would mean nothing there).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewPhase>))]
public enum ReviewPhase
{
    Audit,
    Prioritize,
    Build,
    Scale,
    Report,
    Done,
}
