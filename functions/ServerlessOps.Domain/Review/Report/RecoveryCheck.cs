using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Report;

/// <summary>
/// Last cycle's roadmap item against this month: what was at stake then, what still is, and so what was recovered
/// (never below zero). Closes the loop with numbers.
/// </summary>
public sealed record RecoveryCheck(
    int PreviousRank,
    string RootCause,
    FindingType Type,
    string Owner,
    decimal MonthlyMoneyThen,
    decimal MonthlyMoneyNow,
    decimal Recovered);
