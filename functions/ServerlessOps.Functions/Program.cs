using ServerlessOps.Functions.Api;
using ServerlessOps.Durable.Http;
using ServerlessOps.Functions.CustomHandler;
using ServerlessOps.Functions.Durable;
using ServerlessOps.Functions.Hosting;
using ServerlessOps.Functions.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.ConfigureCustomHandlerHost();
builder.Services.AddFunctionApp(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapWebhooks();
app.MapBrandApis();
app.MapDurableTaskManagement(DurableHosting.ManagementPrefix);
app.MapCustomHandlerTriggers();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
