using System.ComponentModel.DataAnnotations;
using System.Net;
using MedifyAI.Api.Hosting;
using MedifyAI.Generation;
using MedifyAI.Interview;
using MedifyAI.Sessions;
using MedifyAI.Silo.Management;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace MedifyAI.Silo.Hosting;

/// <summary>Builds the silo host: clustering, grain storage, the grains' services, the dashboard and, optionally, the API.</summary>
public static class SiloHostingExtensions
{
    public static WebApplicationBuilder AddMedifySilo(this WebApplicationBuilder builder)
    {
        var settings = ReadSettings(builder.Configuration);
        var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new();
        ClusterSettingsValidator.ThrowIfInvalid(cluster);

        Directory.CreateDirectory(settings.DataDirectory);
        builder.Services.AddSingleton(settings);

        var urls = settings.HostApi ? [.. settings.ApiUrls, .. settings.ManagementUrls] : settings.ManagementUrls;
        builder.WebHost.UseUrls(urls);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });

            ConfigureClustering(silo, cluster);
            silo.AddMedifyGrainStorage(settings);
            silo.AddDashboard();
        });

        builder.Services.AddMedifyGrainServices(builder.Configuration);

        if (settings.HostApi)
        {
            builder.AddMedifyApi();
        }
        else
        {
            builder.Services.AddHealthChecks();
        }

        return builder;
    }

    /// <summary>Adds the middleware and endpoints: the dashboard on the management port, the API on its own.</summary>
    public static WebApplication MapMedifySilo(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<SiloSettings>();
        var managementPorts = settings.ManagementUrls.Select(PortOf).ToHashSet();
        app.UseMiddleware<ManagementPortFilter>((IReadOnlySet<int>)managementPorts);

        app.MapOrleansDashboard(ManagementPortFilter.DashboardPath);

        if (settings.HostApi)
        {
            app.MapMedifyApi();
        }
        else
        {
            app.MapHealthChecks("/health/live");
        }

        return app;
    }

    /// <summary>
    /// Registers what the grains need: the guided interview, the reply responder and summary writer that
    /// <c>MedifyAI:Generation:Provider</c> selects, and the session limits.
    /// </summary>
    public static IServiceCollection AddMedifyGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddGuidedInterview();
        services.TryAddSingleton<GuidedReplyResponder>();
        services.AddMedifyGeneration(configuration);

        services.AddOptions<SessionLimitsOptions>()
            .Bind(configuration.GetSection(SessionLimitsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        return services;
    }

    private static void ConfigureClustering(ISiloBuilder silo, ClusterSettings cluster)
    {
        switch (cluster.Clustering)
        {
            case ClusteringProvider.AdoNet:
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = cluster.Invariant;
                    options.ConnectionString = cluster.ConnectionString;
                });
                silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                break;
            default:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                break;
        }
    }

    private static int PortOf(string url) =>
        new Uri(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal)).Port;

    private static SiloSettings ReadSettings(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            var first = results[0];
            throw new OptionsValidationException(
                SiloSettings.SectionName,
                typeof(SiloSettings),
                [$"MedifyAI:{string.Join(",", first.MemberNames)} is invalid: {first.ErrorMessage}"]);
        }

        settings.DataDirectory = Path.GetFullPath(settings.DataDirectory);
        settings.ApiUrls = settings.ApiUrls is { Length: > 0 } ? settings.ApiUrls : [SiloSettings.DefaultApiUrl];
        settings.ManagementUrls = settings.ManagementUrls is { Length: > 0 }
            ? settings.ManagementUrls
            : [SiloSettings.DefaultManagementUrl];

        var apiPorts = settings.ApiUrls.Select(PortOf).ToHashSet();
        if (settings.ManagementUrls.Select(PortOf).Any(apiPorts.Contains))
        {
            throw new OptionsValidationException(
                SiloSettings.SectionName,
                typeof(SiloSettings),
                ["MedifyAI:ManagementUrls shares a port with MedifyAI:ApiUrls: the dashboard needs a port of its own."]);
        }
        return settings;
    }
}
