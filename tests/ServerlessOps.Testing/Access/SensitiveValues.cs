using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessOps.Testing.Access;

/// <summary>
/// The buyers' personal data in channel payloads: e-mail addresses, names, street addresses and phone numbers, found
/// by property name (and, for a bare <c>name</c>, by the object it sits in: an address, a customer, a buyer or a
/// recipient). Values shorter than 6 characters are skipped (a state code or a country would match everywhere).
/// </summary>
public static class SensitiveValues
{
    private static readonly string[] _personalKeys =
    [
        "email", "first_name", "last_name", "firstname", "lastname", "address1", "address2", "addressline", "address_line",
        "phone", "full_address", "buyername", "buyer_name", "recipient", "shippingaddress_name",
    ];

    private static readonly string[] _personalParents = ["address", "customer", "buyer", "recipient", "shipping", "billing", "shipto", "postal"];

    public static IEnumerable<string> PersonalData(string json)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Walk(JsonNode.Parse(json), parent: string.Empty, found);
        return found;
    }

    private static void Walk(JsonNode? node, string parent, HashSet<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is JsonValue leaf && leaf.GetValueKind() == JsonValueKind.String && leaf.GetValue<string>() is { Length: >= 6 } text && IsPersonal(key, parent))
                    {
                        found.Add(text);
                    }
                    else
                    {
                        Walk(value, key, found);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, parent, found);
                }

                break;
        }
    }

    private static bool IsPersonal(string key, string parent)
    {
        var name = key.ToLowerInvariant();
        if (_personalKeys.Any(k => name.Contains(k, StringComparison.Ordinal)))
        {
            return true;
        }

        var container = parent.ToLowerInvariant();
        return name is "name" or "address" or "street" or "city" && _personalParents.Any(p => container.Contains(p, StringComparison.Ordinal));
    }
}
