using System.Security.Cryptography;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Benchmarks.Drills.Access;

/// <summary>
/// The drill's callers, each an API key drawn at random for the run (so a key found in the app's output can only have
/// come from this run): one per role on brand acme, an admin that may also create brand initech, and a caller holding
/// every role on another brand (globex).
/// </summary>
internal sealed class AccessKeys
{
    public string OperationsAcme { get; } = NewKey();

    public string FinanceAcme { get; } = NewKey();

    public string AdminAcme { get; } = NewKey();

    public string EveryRoleGlobex { get; } = NewKey();

    public IEnumerable<string> All => [OperationsAcme, FinanceAcme, AdminAcme, EveryRoleGlobex, LocalStackSettings.ApiKey];

    public void AddTo(IDictionary<string, string> settings)
    {
        Add(settings, 1, "drill-operations-acme", OperationsAcme, "operations", "acme");
        Add(settings, 2, "drill-finance-acme", FinanceAcme, "finance", "acme");
        Add(settings, 3, "drill-admin-acme", AdminAcme, "admin", "acme,initech");
        Add(settings, 4, "drill-every-role-globex", EveryRoleGlobex, "operations,finance,admin", "globex");
    }

    private static void Add(IDictionary<string, string> settings, int index, string name, string key, string roles, string brands)
    {
        settings[$"Access:ApiKeys:{index}:Name"] = name;
        settings[$"Access:ApiKeys:{index}:Key"] = key;
        settings[$"Access:ApiKeys:{index}:Roles"] = roles;
        settings[$"Access:ApiKeys:{index}:Brands"] = brands;
    }

    private static string NewKey() => "drill-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
