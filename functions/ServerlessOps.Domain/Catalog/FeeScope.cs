namespace ServerlessOps.Domain.Catalog;

/// <summary>Whether a fee is charged on each line or once per order.</summary>
public enum FeeScope
{
    PerLine,
    PerOrder,
}
