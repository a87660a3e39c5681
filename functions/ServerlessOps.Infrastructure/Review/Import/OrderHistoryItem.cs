using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Review.Import;

namespace ServerlessOps.Infrastructure.Review.Import;

/// <summary>One order as a reader found it: where it starts, how many records of the file it took, and its text or what is wrong with its form.</summary>
/// <param name="Line">The order's first line.</param>
/// <param name="Rows">Records of the file it took (one JSON line, or its CSV rows).</param>
/// <param name="Input">The order's values; null when its form is broken past reading (then <paramref name="Errors"/> says why).</param>
/// <param name="Errors">Errors of form (JSON, quoting, unknown members, rows of one order that disagree).</param>
public sealed record OrderHistoryItem(int Line, int Rows, OrderHistoryInput? Input, IReadOnlyList<ImportError> Errors);
