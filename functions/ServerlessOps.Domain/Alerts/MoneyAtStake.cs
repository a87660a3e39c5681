using System.Globalization;

namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// What a problem costs or risks, as the raiser measures it (a price breach: the shortfall per day at recent
/// velocity; an unshipped order: its value). A rise of it is what makes a repeated alert notify again.
/// </summary>
/// <param name="Amount">Zero or more, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code, three upper-case letters.</param>
public sealed record MoneyAtStake(decimal Amount, string Currency)
{
    public void Validate()
    {
        if (Amount < 0)
        {
            throw new ArgumentException($"Money at stake must be zero or more; received {Amount.ToString(CultureInfo.InvariantCulture)}.", nameof(Amount));
        }

        if (Currency is null || Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException($"Money at stake needs an ISO 4217 currency code of three upper-case letters; received '{Currency}'.", nameof(Currency));
        }
    }

    /// <summary><c>1,234.50 USD</c>.</summary>
    public override string ToString() => $"{Amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {Currency}";
}
