namespace ServerlessOps.Functions.Errors;

/// <summary>One kind of problem the HTTP surface answers with: one type URI, one title, one status.</summary>
public sealed record ProblemType(string Slug, string Title, int Status)
{
    public string Uri => $"https://serverlessops.dev/problems/{Slug}";
}
