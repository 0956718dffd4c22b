using MedifyAI.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedifyAI.Tests.Infrastructure;

/// <summary>
/// The real silo host started in the test process on free loopback ports, the way <c>src/Silo</c>'s
/// Program starts it: Kestrel, Orleans, the dashboard and (by default) the API.
/// </summary>
public sealed class SiloProcessHost : IAsyncDisposable
{
    private SiloProcessHost(WebApplication app, string dataDirectory, int apiPort, int managementPort, int gatewayPort)
    {
        App = app;
        DataDirectory = dataDirectory;
        ApiPort = apiPort;
        ManagementPort = managementPort;
        GatewayPort = gatewayPort;
        ApiBaseAddress = new Uri($"http://127.0.0.1:{apiPort}");
        Http = TestTokens.CreateClient(ApiBaseAddress, DefaultPatient, MedifyAI.Security.Roles.Patient);
    }

    /// <summary>Subject of the patient whose token <see cref="Http"/> sends.</summary>
    public const string DefaultPatient = "patient-default";

    public WebApplication App { get; }

    public Uri ApiBaseAddress { get; }

    public string DataDirectory { get; }

    public int ApiPort { get; }

    public int ManagementPort { get; }

    public int GatewayPort { get; }

    /// <summary>A client of the API port with a token for <see cref="DefaultPatient"/>.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Starts a silo; <paramref name="settings"/> override configuration keys such as <c>MedifyAI:Storage</c>.</summary>
    public static async Task<SiloProcessHost> StartAsync(
        string dataDirectory,
        IDictionary<string, string?>? settings = null,
        int[]? ports = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        ports ??= FreePorts.Take(4);
        var (apiPort, managementPort, siloPort, gatewayPort) = (ports[0], ports[1], ports[2], ports[3]);

        var configuration = new Dictionary<string, string?>
        {
            ["MedifyAI:DataDirectory"] = dataDirectory,
            ["MedifyAI:ApiUrls:0"] = $"http://127.0.0.1:{apiPort}",
            ["MedifyAI:ManagementUrls:0"] = $"http://127.0.0.1:{managementPort}",
            ["MedifyAI:Cluster:SiloPort"] = siloPort.ToString(),
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

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        configure?.Invoke(builder);
        builder.AddMedifySilo();

        var app = builder.Build();
        app.MapMedifySilo();
        await app.StartAsync();
        return new SiloProcessHost(app, dataDirectory, apiPort, managementPort, gatewayPort);
    }

    /// <summary>Stops the host gracefully, as SIGTERM would: grains deactivate and storage flushes.</summary>
    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
    }

    /// <summary>Creates a client of the API port with a token for <paramref name="subject"/> and <paramref name="roles"/>.</summary>
    public HttpClient CreateClient(string subject, params string[] roles) => TestTokens.CreateClient(ApiBaseAddress, subject, roles);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await App.DisposeAsync();
    }
}
