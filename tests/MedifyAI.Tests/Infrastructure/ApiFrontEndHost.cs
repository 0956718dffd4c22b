using MedifyAI.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedifyAI.Tests.Infrastructure;

/// <summary>The API front-end started in the test process, connected to silos through a gateway port.</summary>
public sealed class ApiFrontEndHost : IAsyncDisposable
{
    private ApiFrontEndHost(WebApplication app, int port)
    {
        App = app;
        Http = TestTokens.CreateClient(new Uri($"http://127.0.0.1:{port}"), "patient-frontend", MedifyAI.Security.Roles.Patient);
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public static async Task<ApiFrontEndHost> StartAsync(int gatewayPort, IDictionary<string, string?>? settings = null)
    {
        var port = FreePorts.Take(1)[0];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        var configuration = new Dictionary<string, string?>
        {
            ["MedifyAI:Cluster:GatewayPort"] = gatewayPort.ToString(),
        };
        foreach (var (key, value) in TestTokens.HostSettings)
        {
            configuration[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");

        // The same three calls as src/Api/Program.cs.
        builder.AddMedifyClusterClient();
        builder.AddMedifyApi();
        var app = builder.Build();
        app.MapMedifyApi();

        await app.StartAsync();
        return new ApiFrontEndHost(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
