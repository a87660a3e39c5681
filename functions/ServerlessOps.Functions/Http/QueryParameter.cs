namespace ServerlessOps.Functions.Http;

/// <summary>A query parameter of a route, as the OpenAPI document describes it.</summary>
public sealed record QueryParameter(string Name, string Description, bool Required = false);
