using System.Collections;
using System.Reflection;
using ServerlessOps.Infrastructure.Brands;

namespace ServerlessOps.Infra.Tests.Settings;

/// <summary>
/// Every setting the app's options classes bind, found by reflection over the app's assemblies: a type with
/// <c>public const string SectionName</c> is bound from that section, each public property from
/// <c>Section__Property</c>, nested objects, dictionaries (<c>{key}</c>) and lists (<c>{n}</c>) below it, as the
/// configuration binder does. Options classes added later are picked up without touching this file.
/// </summary>
public static class OptionsCatalog
{
    /// <summary>The app's assemblies: the isolated worker, its infrastructure, and the standalone host.</summary>
    public static IReadOnlyList<string> AssemblyNames { get; } =
        ["ServerlessOps.Functions", "ServerlessOps.Infrastructure", "ServerlessOps.Standalone"];

    /// <summary>
    /// Sections whose SectionName type is not itself the bound shape, and what the code binds them to.
    /// BrandDirectoryLoader (SectionName "Brands", a static loader) binds each child of Brands to BrandOptions.
    /// </summary>
    private static readonly Dictionary<string, Type> _boundAs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Brands"] = typeof(Dictionary<string, BrandOptions>),
    };

    /// <summary>
    /// Settings code reads by key rather than through an options property, with who reads them. Remove an entry
    /// when its options class gains the property (reflection then finds it).
    /// </summary>
    private static readonly OptionsSetting[] _readByKey =
    [
        // SettingsRegistrySeed (and ConfigurationChannelApiCredentialSource) read the outbound credentials straight from
        // the account section; ChannelAccountOptions (the webhook side) has no such properties.
        new("Brands__{key}__Accounts__{n}__AccessToken", "SettingsRegistrySeed", HasDefault: false),
        new("Brands__{key}__Accounts__{n}__ShopCipher", "SettingsRegistrySeed", HasDefault: false),
    ];

    private const int MaxDepth = 8;

    private static readonly Lazy<IReadOnlyList<OptionsSetting>> _all = new(Build);

    /// <summary>Every setting found, plus those read by key.</summary>
    public static IReadOnlyList<OptionsSetting> All => _all.Value;

    /// <summary>Section name (as written in code, ':'-separated) to the type declaring it.</summary>
    public static IReadOnlyDictionary<string, Type> Sections() =>
        AssemblyNames.SelectMany(name => LoadableTypes(Assembly.Load(name)))
            .Select(type => (Type: type, Field: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .GroupBy(x => (string)x.Field!.GetRawConstantValue()!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Type, StringComparer.OrdinalIgnoreCase);

    private static List<OptionsSetting> Build()
    {
        var settings = new List<OptionsSetting>(_readByKey);
        foreach (var (section, type) in Sections())
        {
            // AzureFunctionsJobHost:* is the Functions host's own override of host.json, read by its documented
            // host.json key names (the standalone host's DurableTaskSettingsReader maps them to properties of
            // other names): those names are the host's contract, not an options class's.
            if (section.StartsWith("AzureFunctionsJobHost", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var bound = _boundAs.GetValueOrDefault(section, type);
            var found = new List<OptionsSetting>();
            Walk(bound, TryCreate(bound), section.Split(':').ToList(), type.Name, found, depth: 0);
            if (found.Count == 0)
            {
                throw new InvalidOperationException(
                    $"{type.FullName} declares SectionName \"{section}\" but binds no property: tell OptionsCatalog what the section binds to.");
            }

            settings.AddRange(found);
        }

        return settings;
    }

    private static void Walk(Type type, object? instance, List<string> path, string readBy, List<OptionsSetting> found, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"{string.Join("__", path)}: nested deeper than {MaxDepth} levels; is {type} recursive?");
        }

        if (IsScalar(type))
        {
            found.Add(new OptionsSetting(string.Join("__", path), readBy, HasValue(instance)));
            return;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            Walk(valueType, TryCreate(valueType), [.. path, OptionsSetting.Key], readBy, found, depth + 1);
            return;
        }

        if (ElementType(type) is { } elementType)
        {
            Walk(elementType, TryCreate(elementType), [.. path, OptionsSetting.Index], readBy, found, depth + 1);
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var settable = property.SetMethod is { IsPublic: true };
            var populatable = property.GetMethod is { IsPublic: true } && !IsScalar(property.PropertyType);
            if (property.GetIndexParameters().Length > 0 || !(settable || populatable))
            {
                continue;
            }

            var value = instance is null ? null : property.GetValue(instance);
            Walk(property.PropertyType, value ?? TryCreate(property.PropertyType), [.. path, property.Name], readBy, found, depth + 1);
        }
    }

    private static bool HasValue(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        _ => true,
    };

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Uri)
            || t == typeof(TimeSpan) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly)
            || t == typeof(TimeOnly) || t == typeof(Guid);
    }

    private static Type? DictionaryValueType(Type type) =>
        new[] { type }.Concat(type.GetInterfaces())
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            .Select(i => i.GetGenericArguments())
            .FirstOrDefault(a => a[0] == typeof(string))?[1];

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return typeof(IEnumerable).IsAssignableFrom(type)
            ? new[] { type }.Concat(type.GetInterfaces())
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;
    }

    private static object? TryCreate(Type type)
    {
        if (IsScalar(type) || type.IsAbstract || type.IsInterface || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return null;
        }

        try
        {
            return Activator.CreateInstance(type);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
