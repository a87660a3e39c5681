namespace ServerlessOps.Testing.Scenarios;

/// <summary>A product and quantity on a generated order; money derived at 6% sales tax (the samples' Ohio rate).</summary>
internal sealed record ScenarioLine(ScenarioProduct Product, int Quantity)
{
    public const decimal TaxRate = 0.06m;

    public decimal Gross => Product.Price * Quantity;

    public decimal Tax => Math.Round(Gross * TaxRate, 2, MidpointRounding.AwayFromZero);
}
