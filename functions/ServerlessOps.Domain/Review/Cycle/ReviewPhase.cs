namespace ServerlessOps.Domain.Review.Cycle;

/// <summary>The phases of the loop, in order; the review's custom status names the one it is in.</summary>
public enum ReviewPhase
{
    Audit,
    Prioritize,
    Build,
    Scale,
    Report,
    Done,
}
