namespace ServerlessOps.Functions.Hosting;

/// <summary>Where the app listens: on 127.0.0.1 only, at the port the Functions host names, or the configured one.</summary>
public static class CustomHandlerHostExtensions
{
    /// <summary>Local port when no Functions host sets one (Hosting:Port). Default 7071, the port `func start` uses.</summary>
    public const string PortKey = "Hosting:Port";

    /// <summary>Path of the local settings file (Hosting:SettingsFile). Default local.settings.json in the content root.</summary>
    public const string SettingsFileKey = "Hosting:SettingsFile";

    public static WebApplicationBuilder ConfigureCustomHandlerHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Environment variables win over the file, as app settings win in Azure.
        var settingsFile = builder.Configuration[SettingsFileKey] ?? Path.Combine(builder.Environment.ContentRootPath, "local.settings.json");
        builder.Configuration.AddLocalSettings(settingsFile).AddEnvironmentVariables();
        var mode = HostingMode.From(builder.Configuration);
        var port = mode.CustomHandlerPort ?? builder.Configuration.GetValue(PortKey, 7071);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        return builder;
    }
}
