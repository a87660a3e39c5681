namespace ServerlessOps.Domain.Settlements;

/// <summary>A settlement line as the store holds it: when it was imported and, once its order is in the truth, when its fee was written there.</summary>
/// <param name="ImportedAt">When the first import stored it; a re-import never moves it.</param>
/// <param name="MatchedAt">When its order was found in the truth (and a fee written to it); null while pending.</param>
public sealed record StoredSettlementLine(SettlementLine Line, DateTimeOffset ImportedAt, DateTimeOffset? MatchedAt);
