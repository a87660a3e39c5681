namespace ServerlessOps.Functions.Audit;

/// <summary>
/// How a route that changes something on a person's behalf is audited: the action's kind, and the route values that
/// name what it acted on (joined with <c>/</c> into the entry's subject).
/// </summary>
public sealed record HumanActionRoute(string Kind, params string[] SubjectValues);
