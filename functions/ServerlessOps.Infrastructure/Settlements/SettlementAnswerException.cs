using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>A channel's settlement answer is not what the channel documents: names the channel, the call and the field.</summary>
public sealed class SettlementAnswerException : Exception
{
    public SettlementAnswerException(SalesChannel channel, string operation, string field, string problem)
        : base($"{channel} settlement answer of {operation}: {field} {problem}. Nothing of this account was imported; the next run reads it again.")
    {
        Channel = channel;
        Operation = operation;
        Field = field;
    }

    public SettlementAnswerException()
    {
        Operation = string.Empty;
        Field = string.Empty;
    }

    public SettlementAnswerException(string message)
        : base(message)
    {
        Operation = string.Empty;
        Field = string.Empty;
    }

    public SettlementAnswerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
        Field = string.Empty;
    }

    public SalesChannel Channel { get; }

    public string Operation { get; }

    /// <summary>The field's path in the answer (<c>payload.FinancialEventGroupList[0].OriginalTotal.CurrencyAmount</c>).</summary>
    public string Field { get; }
}
