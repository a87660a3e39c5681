namespace ServerlessOps.Functions.Access;

/// <summary>
/// An authenticated caller: who (for logs and audit entries, never a secret), the roles it holds and the brands
/// it may see. <see cref="AllBrands"/> stands for <c>*</c>.
/// </summary>
public sealed record Caller(string Name, IReadOnlySet<AccessRole> Roles, IReadOnlySet<string> Brands, bool AllBrands)
{
    public bool Holds(AccessRole role) => Roles.Contains(role) || Roles.Contains(AccessRole.Admin);

    public bool MaySee(string brandId) => AllBrands || Brands.Contains(brandId);
}
