using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// Mutates a real JSON payload (a channel sample) the ways inputs go wrong (<see cref="MutationKind"/>). Deterministic
/// for a seed, so a failing case found by a property or the drill is replayed exactly. A JSON mutation edits one value of
/// the parsed document and writes it back (raw text for what a JSON writer refuses: 1e400, duplicate keys, deep nesting,
/// lone surrogates); where the input no longer parses, a byte mutation is applied instead.
/// </summary>
public static class PayloadMutator
{
    private const string RawMarker = "__badinput_raw_";

    private static readonly JsonSerializerOptions _write = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions _writeCompact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly MutationKind[] _all = Enum.GetValues<MutationKind>();

    private static readonly string[] _retyped = ["\"x\"", "0", "1.5", "true", "false", "null", "[]", "{}", "[1,2]", "{\"a\":1}"];

    private static readonly string[] _huge =
    [
        "1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "79228162514264337593543950336",
        "123456789012345678901234567890.5", "1e-400", "0.00000000000000000000000000000001", "2147483648", "\"99999999999999999999999999999\"",
        "\"1e30\"", "1E+30",
    ];

    private static readonly string[] _dates =
    [
        "\"2026-02-30T10:00:00Z\"", "\"2026-13-01T00:00:00Z\"", "\"0000-00-00T00:00:00Z\"", "\"9999-12-31T23:59:59-14:00\"",
        "\"0001-01-01T00:00:00+14:00\"", "\"yesterday\"", "\"2026-11-20\"", "\"20/11/2026 10:00\"", "-62135596801", "253402300800000",
        "\"1795201540\"", "\"2026-11-20T25:61:61Z\"", "\"2026-11-20T10:00:00+25:00\"",
    ];

    private static readonly string[] _unicode =
    [
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"a\\u0000b\"", "\"\\u0007\\u001b[31m\"", "\"\u202Eevil\"", "\"e\u0301\"", "\"\\ud83d\\ude00\"",
        "\"\\uFFFE\"", "\"line\\r\\nX-Injected: 1\"",
    ];

    private static readonly string[] _notObjects = ["[]", "[{}]", "\"text\"", "42", "null", "true", string.Empty, " ", "{}"];

    private static readonly byte[][] _invalidUtf8 = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xC3], [0xF4, 0x90, 0x80, 0x80], [0xFE, 0xFF]];

    /// <summary>One to three mutations of <paramref name="sample"/>, chosen by <paramref name="seed"/>.</summary>
    /// <param name="compact">Write the JSON on one line (a JSON Lines record) instead of indented like the samples.</param>
    public static Mutant Mutate(ReadOnlySpan<byte> sample, int seed, bool compact = false)
    {
        var random = new Random(seed);
        var steps = 1 + random.Next(3);
        var kinds = new MutationKind[steps];
        for (var i = 0; i < steps; i++)
        {
            kinds[i] = _all[random.Next(_all.Length)];
        }

        return Apply(sample, kinds, random, compact);
    }

    /// <summary>The given mutations in order; <paramref name="random"/> picks where and with what.</summary>
    public static Mutant Apply(ReadOnlySpan<byte> sample, IReadOnlyList<MutationKind> kinds, Random random, bool compact = false)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(random);
        var body = sample.ToArray();
        var described = new List<string>(kinds.Count);
        foreach (var kind in kinds)
        {
            body = ApplyOne(body, kind, random, compact, out var description);
            described.Add(description);
        }

        return new Mutant(kinds, string.Join("; ", described), body);
    }

    private static byte[] ApplyOne(byte[] body, MutationKind kind, Random random, bool compact, out string description)
    {
        try
        {
            return ApplyOneOrThrow(body, kind, random, compact, out description);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or DecoderFallbackException)
        {
            // A previous mutation left text the JSON model cannot read (a bad escape or byte): break the bytes instead.
            return ApplyOneOrThrow(body, random.Next(2) == 0 ? MutationKind.Truncate : MutationKind.FlipByte, random, compact, out description);
        }
    }

    private static byte[] ApplyOneOrThrow(byte[] body, MutationKind kind, Random random, bool compact, out string description)
    {
        switch (kind)
        {
            case MutationKind.Truncate:
                var cut = body.Length == 0 ? 0 : random.Next(body.Length);
                description = $"Truncate at byte {cut} of {body.Length}";
                return body[..cut];
            case MutationKind.FlipByte when body.Length > 0:
                var flipped = (byte[])body.Clone();
                var at = random.Next(flipped.Length);
                var bit = random.Next(8);
                flipped[at] ^= (byte)(1 << bit);
                description = $"FlipByte bit {bit} of byte {at}";
                return flipped;
            case MutationKind.InvalidUtf8:
                var bad = _invalidUtf8[random.Next(_invalidUtf8.Length)];
                var insert = body.Length == 0 ? 0 : random.Next(body.Length);
                description = $"InvalidUtf8 {Convert.ToHexString(bad)} at byte {insert}";
                return [.. body.AsSpan(0, insert), .. bad, .. body.AsSpan(insert)];
            case MutationKind.NotAnObject:
                var root = _notObjects[random.Next(_notObjects.Length)];
                description = $"NotAnObject '{root}'";
                return Encoding.UTF8.GetBytes(root);
            case MutationKind.FlipByte:
                description = "FlipByte of an empty body";
                return body;
        }

        JsonNode? document;
        List<Place> places;
        try
        {
            // Strings are only decoded when walked, so a previous mutation's bad escape or byte shows up here.
            document = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 4096 });
            places = document is null ? [] : Places(document);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or DecoderFallbackException)
        {
            document = null;
            places = [];
        }

        if (places.Count == 0)
        {
            // Nothing to edit (already broken, or a scalar): break the bytes instead.
            return ApplyOneOrThrow(body, random.Next(2) == 0 ? MutationKind.Truncate : MutationKind.FlipByte, random, compact, out description);
        }

        var place = kind == MutationKind.NegativeNumber ? NumericPlace(places, random) : places[random.Next(places.Count)];
        var raw = new List<string>();
        string Raw(string text)
        {
            raw.Add(text);
            return RawMarker + (raw.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        string change;
        switch (kind)
        {
            case MutationKind.DropField:
                place.Remove();
                change = "removed";
                break;
            case MutationKind.DuplicateKey when place.Name is { } name:
                var second = _retyped[random.Next(_retyped.Length)];
                place.Set(Raw($"{Text(place.Value)}, {JsonSerializer.Serialize(name)}: {second}"));
                change = $"written twice, second {second}";
                break;
            case MutationKind.DuplicateKey:
                place.Parent.AsArray().Add(place.Value?.DeepClone());
                change = "element repeated";
                break;
            case MutationKind.Retype:
                change = Pick(_retyped.Where(t => t != Text(place.Value)).ToArray(), random);
                place.Set(Raw(change));
                break;
            case MutationKind.HugeNumber:
                change = Pick(_huge, random);
                place.Set(Raw(change));
                break;
            case MutationKind.WrongDate:
                change = Pick(_dates, random);
                place.Set(Raw(change));
                break;
            case MutationKind.NegativeNumber:
                change = Negative(place.Value, random);
                place.Set(Raw(change));
                break;
            case MutationKind.EmptyString:
                change = random.Next(2) == 0 ? "\"\"" : "\"   \"";
                place.Set(Raw(change));
                break;
            case MutationKind.LongString:
                var length = new[] { 300, 5_000, 40_000 }[random.Next(3)];
                place.Set(Raw(JsonSerializer.Serialize(new string('A', length))));
                change = $"a string of {length} characters";
                break;
            case MutationKind.DeepNesting:
                var depth = new[] { 65, 200, 2_000 }[random.Next(3)];
                var arrays = random.Next(2) == 0;
                place.Set(Raw(arrays
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));
                change = $"{(arrays ? "arrays" : "objects")} nested {depth} deep";
                break;
            default:
                change = Pick(_unicode, random);
                place.Set(Raw(change));
                break;
        }

        description = $"{kind} {place.Path} -> {Shorten(change)}";
        var written = document!.ToJsonString(compact ? _writeCompact : _write);
        for (var i = 0; i < raw.Count; i++)
        {
            written = written.Replace($"\"{RawMarker}{i.ToString(CultureInfo.InvariantCulture)}\"", raw[i], StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(written);
    }

    private static string Negative(JsonNode? value, Random random)
    {
        var text = value is JsonValue scalar && scalar.TryGetValue<JsonElement>(out var element)
            ? element.ValueKind switch
            {
                JsonValueKind.Number => element.GetRawText(),
                JsonValueKind.String => element.GetString(),
                _ => null,
            }
            : null;
        var quoted = value is JsonValue s && s.GetValueKind() == JsonValueKind.String;
        var negated = text is null || text.StartsWith('-') || !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? (random.Next(2) == 0 ? "-1" : "-2147483648")
            : "-" + text;
        return quoted ? $"\"{negated}\"" : negated;
    }

    private static Place NumericPlace(List<Place> places, Random random)
    {
        var numeric = places.Where(p => p.Value is JsonValue v && (v.GetValueKind() == JsonValueKind.Number
            || (v.GetValueKind() == JsonValueKind.String && decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out _)))).ToList();
        return numeric.Count > 0 ? numeric[random.Next(numeric.Count)] : places[random.Next(places.Count)];
    }

    private static string Text(JsonNode? node) => node?.ToJsonString(_writeCompact) ?? "null";

    private static string Pick(string[] choices, Random random) => choices[random.Next(choices.Length)];

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";

    private static List<Place> Places(JsonNode root)
    {
        var places = new List<Place>();
        void Walk(JsonNode node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj.ToList())
                    {
                        var child = $"{path}.{name}";
                        places.Add(new Place(obj, name, -1, child, value));
                        if (value is not null)
                        {
                            Walk(value, child);
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        var child = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
                        places.Add(new Place(array, null, i, child, array[i]));
                        if (array[i] is { } value)
                        {
                            Walk(value, child);
                        }
                    }

                    break;
            }
        }

        Walk(root, "$");
        return places;
    }

    /// <summary>Where a value sits: a member of an object or an element of an array.</summary>
    private sealed record Place(JsonNode Parent, string? Name, int Index, string Path, JsonNode? Value)
    {
        public void Set(string rawToken)
        {
            if (Name is not null)
            {
                Parent.AsObject()[Name] = JsonValue.Create(rawToken);
            }
            else
            {
                Parent.AsArray()[Index] = JsonValue.Create(rawToken);
            }
        }

        public void Remove()
        {
            if (Name is not null)
            {
                Parent.AsObject().Remove(Name);
            }
            else
            {
                Parent.AsArray().RemoveAt(Index);
            }
        }
    }
}
