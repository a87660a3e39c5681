namespace ServerlessOps.Functions.Access;

/// <summary>
/// What a caller may do. In Azure these are the Entra app roles of the app registration (values
/// <c>Operations</c>, <c>Finance</c>, <c>Admin</c>); locally an API key carries them. <see cref="Admin"/>
/// satisfies every role, but never widens the brands a caller may see.
/// </summary>
public enum AccessRole
{
    /// <summary>Runs the brand's operations: orders, events, quarantine, flows, stock, prices.</summary>
    Operations,

    /// <summary>Reads money: reports and their download links.</summary>
    Finance,

    /// <summary>Manages brands, accounts and the deployment itself.</summary>
    Admin,
}
