using System.Data.Common;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>The rules of <see cref="CosmosOptions"/> that data annotations cannot say: exactly one way in.</summary>
internal sealed class CosmosOptionsValidator : IValidateOptions<CosmosOptions>
{
    public ValidateOptionsResult Validate(string? name, CosmosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasEndpoint = !string.IsNullOrWhiteSpace(options.AccountEndpoint);

        if (hasConnectionString == hasEndpoint)
        {
            failures.Add(hasConnectionString
                ? "Cosmos: set either Cosmos__ConnectionString (local emulator) or Cosmos__AccountEndpoint (managed identity), not both."
                : "Cosmos: set Cosmos__ConnectionString (local emulator) or Cosmos__AccountEndpoint (managed identity, Azure); neither is set.");
        }

        if (hasConnectionString && !TryReadEndpoint(options.ConnectionString!, out _))
        {
            failures.Add("Cosmos__ConnectionString has no absolute https AccountEndpoint=...; part (expected AccountEndpoint=https://host:port/;AccountKey=...;).");
        }

        if (hasEndpoint && !TryParseHttps(options.AccountEndpoint, out _))
        {
            failures.Add($"Cosmos__AccountEndpoint must be an absolute https URI such as https://account.documents.azure.com:443/, got '{options.AccountEndpoint}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientId) && !hasEndpoint)
        {
            failures.Add("Cosmos__ClientId is only used with Cosmos__AccountEndpoint (managed identity); the connection string carries its own key.");
        }

        if (options.AcceptEmulatorCertificate && options.ConnectionMode == ConnectionMode.Direct)
        {
            failures.Add("Cosmos__ConnectionMode=Direct cannot be combined with Cosmos__AcceptEmulatorCertificate: the emulator speaks Gateway only.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Reads <c>AccountEndpoint</c> out of a Cosmos connection string.</summary>
    internal static bool TryReadEndpoint(string connectionString, out Uri endpoint)
    {
        endpoint = null!;
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return false;
        }

        return builder.TryGetValue("AccountEndpoint", out var value) && TryParseHttps(value as string, out endpoint);
    }

    /// <summary>True for an absolute https URI.</summary>
    internal static bool TryParseHttps(string? text, out Uri uri)
    {
        if (Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps)
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }
}
