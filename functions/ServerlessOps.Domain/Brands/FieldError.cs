namespace ServerlessOps.Domain.Brands;

/// <summary>One thing wrong with a registry entry: the field's JSON path (<c>policy.marginFloorPercent</c>) and why.</summary>
/// <param name="Field">camelCase path as the admin API names the field.</param>
/// <param name="Message">What is wrong and what is expected; never a secret value.</param>
public sealed record FieldError(string Field, string Message);
