using System.Collections;
using System.Globalization;
using System.Reflection;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Brands;

/// <summary>
/// What changed between two versions of a brand or a channel account, field by field, for the audit trail. The policy
/// is walked by reflection, so a field a later issue adds to <see cref="BrandPolicy"/> is audited without touching
/// this file. Secrets are compared by reference and shown only as <see cref="FieldChange.SecretMarker"/>.
/// </summary>
public static class RegistryDiff
{
    /// <summary>The fields that differ; <paramref name="before"/> null for a creation.</summary>
    public static IReadOnlyList<FieldChange> Between(Brand? before, Brand after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return Compare(before is null ? [] : Flatten(before), Flatten(after));
    }

    /// <summary>The fields that differ; <paramref name="before"/> null for a creation.</summary>
    public static IReadOnlyList<FieldChange> Between(ChannelConnection? before, ChannelConnection after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return Compare(before is null ? [] : Flatten(before), Flatten(after));
    }

    private static List<FieldChange> Compare(Dictionary<string, object> before, Dictionary<string, object> after)
    {
        var changes = new List<FieldChange>();
        foreach (var field in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(field, out var from);
            var has = after.TryGetValue(field, out var to);
            if (had && has && Equals(from, to))
            {
                continue;
            }

            changes.Add(from is SecretReference || to is SecretReference
                ? new FieldChange(field, had ? FieldChange.SecretMarker : null, has ? FieldChange.SecretMarker : null)
                : new FieldChange(field, (string?)from, (string?)to));
        }

        return changes;
    }

    private static Dictionary<string, object> Flatten(Brand brand)
    {
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        Add(fields, "displayName", brand.DisplayName);
        Add(fields, "baseCurrency", brand.BaseCurrency);
        Add(fields, "timeZone", brand.TimeZone);
        Add(fields, "goLive", brand.GoLive);
        Add(fields, "owners.default", brand.Owners?.Default);
        foreach (var assignment in brand.Owners?.Assignments ?? [])
        {
            var key = assignment.Channel is { } channel ? $"{Camel(assignment.Signal.ToString())}.{channel.Slug()}" : Camel(assignment.Signal.ToString());
            Add(fields, $"owners.{key}", assignment.Owner);
        }

        if (brand.Policy is not null)
        {
            foreach (var property in typeof(BrandPolicy).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                var path = "policy." + Camel(property.Name);
                if (property.GetValue(brand.Policy) is IDictionary dictionary)
                {
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        Add(fields, $"{path}.{Format(entry.Key)}", entry.Value);
                    }
                }
                else
                {
                    Add(fields, path, property.GetValue(brand.Policy));
                }
            }
        }

        return fields;
    }

    private static Dictionary<string, object> Flatten(ChannelConnection account)
    {
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        Add(fields, "status", account.Status);
        Add(fields, "webhook.appKey", account.Webhook?.AppKey);
        Add(fields, "webhook.credentialHeader", account.Webhook?.CredentialHeader);
        Add(fields, "webhook.authMethod", account.Webhook?.AuthMethod);
        Add(fields, "webhook.requireSignature", account.Webhook?.RequireSignature);
        Add(fields, "shopCipher", account.ShopCipher);
        foreach (var (kind, secret) in account.Secrets ?? new Dictionary<SecretKind, ChannelSecret>())
        {
            fields[ChannelConnection.SecretPath(kind) + ".current"] = secret.Current;
            if (secret.Previous is not null)
            {
                fields[ChannelConnection.SecretPath(kind) + ".previous"] = secret.Previous;
            }
        }

        return fields;
    }

    private static void Add(Dictionary<string, object> fields, string path, object? value)
    {
        if (value is not null)
        {
            fields[path] = Format(value);
        }
    }

    private static string Format(object value) => value switch
    {
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        SalesChannel channel => channel.Slug(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
