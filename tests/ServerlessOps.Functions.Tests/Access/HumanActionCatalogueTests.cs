using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Tests.Access;

/// <summary>The audit catalogue covers exactly the routes through which a person changes something.</summary>
public sealed class HumanActionCatalogueTests
{
    [Fact]
    public void EveryRoleRouteThatIsNotARead_IsAuditedAndNothingElseIs()
    {
        var actions = HttpRoutes.All
            .Where(r => r.Access.Kind == RouteAccessKind.Role && r.Method != "GET")
            .Select(r => r.Name).Order(StringComparer.Ordinal);

        Assert.Equal(actions, HumanActions.ByRoute.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EverySubjectValue_IsARouteValueOfItsRoute()
    {
        foreach (var (name, action) in HumanActions.ByRoute)
        {
            var route = HttpRoutes.All.Single(r => r.Name == name);
            Assert.All(action.SubjectValues, v => Assert.Contains("{" + v + "}", route.Template, StringComparison.Ordinal));
        }
    }
}
