using ServerlessOps.Functions.Hosting;

namespace ServerlessOps.Functions.Local;

/// <summary>
/// The app where no Functions host exists: an ASP.NET Core host on 127.0.0.1 that maps the same HTTP functions
/// (<see cref="HttpRouteTable"/>) and stands in for the host's triggers (<see cref="StandaloneTriggers"/>). It reads
/// local.settings.json the way the Functions host does, then environment variables, which win as app settings win
/// in Azure.
/// </summary>
public static class StandaloneHost
{
    /// <summary>Port to listen on (Hosting:Port). Default 7071, the port `func start` uses.</summary>
    public const string PortKey = "Hosting:Port";

    /// <summary>Path of the local settings file (Hosting:SettingsFile). Default local.settings.json in the content root.</summary>
    public const string SettingsFileKey = "Hosting:SettingsFile";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settingsFile = builder.Configuration[SettingsFileKey] ?? Path.Combine(builder.Environment.ContentRootPath, "local.settings.json");
        builder.Configuration.AddLocalSettings(settingsFile).AddEnvironmentVariables();
        builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration.GetValue(PortKey, 7071)}");
        builder.Services.AddSingleton(new EdgeWarmUp.Options(OverHttp: true));
        builder.Services.AddFunctionApp(builder.Configuration);
        builder.Services.AddStandaloneTriggers(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapHttpRoutes();
        return app;
    }
}
