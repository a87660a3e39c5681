namespace ServerlessOps.Domain.Brands;

/// <summary>
/// The newest <see cref="BrandDirectory"/> snapshot. Read <see cref="Current"/> once per request and use that snapshot
/// throughout: it is swapped whole when the registry changes, never edited in place.
/// </summary>
public interface IBrandDirectorySource
{
    BrandDirectory Current { get; }
}
