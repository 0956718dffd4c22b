using System.ComponentModel.DataAnnotations;
using MedifyAI.Api.Health;
using MedifyAI.Api.Hosting;
using MedifyAI.Datasets;
using MedifyAI.Generation;
using MedifyAI.Ingestion;
using MedifyAI.Interview;
using MedifyAI.Retrieval;
using MedifyAI.Retrieval.OpenSearch;
using MedifyAI.Retrieval.SageMaker;
using MedifyAI.Sessions;
using MedifyAI.Silo.Health;
using MedifyAI.Silo.Management;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
            silo.AddMedifyClustering(cluster, builder.Configuration);
            silo.AddMedifyGrainStorage(settings, builder.Configuration);
            silo.AddDashboard();

            // Runs interrupted by a stop resume here. A startup task rather than a reminder: the embedded silo
            // has no durable reminder table, and the registry grain's state already lists the unfinished runs.
            silo.AddStartupTask((services, cancellationToken) => UnfinishedIngestionResumer.ResumeAllAsync(
                services.GetRequiredService<IGrainFactory>(),
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UnfinishedIngestionResumer)),
                cancellationToken));
        });

        // SIGTERM stops the host: the silo leaves the cluster and deactivates its grains within this time.
        // Kubernetes must allow longer (terminationGracePeriodSeconds) before it sends SIGKILL.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = settings.ShutdownTimeout);

        builder.Services.AddMedifyGrainServices(builder.Configuration);

        if (settings.HostApi)
        {
            builder.AddMedifyApi();
        }

        builder.Services.AddHealthChecks()
            .AddCheck<SiloReadinessCheck>("silo", tags: [HealthEndpoints.ReadyTag]);

        return builder;
    }

    /// <summary>Adds the middleware and endpoints: the dashboard on the management port, the API on its own.</summary>
    public static WebApplication MapMedifySilo(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<SiloSettings>();
        var managementPorts = settings.ManagementUrls.Select(PortOf).ToHashSet();
        app.UseMiddleware<ManagementPortFilter>((IReadOnlySet<int>)managementPorts);

        // The management listener is the dashboard's protection: loopback by default, cluster-internal on
        // Kubernetes, and never the API port. API tokens are not required there.
        app.MapOrleansDashboard(ManagementPortFilter.DashboardPath).AllowAnonymous();

        if (settings.HostApi)
        {
            app.MapMedifyApi();
        }
        else
        {
            // Silos without the API serve the probes on the management port.
            app.MapHealthEndpoints();
        }

        return app;
    }

    /// <summary>
    /// Registers what the grains need: the guided interview, the reply responder and summary writer that
    /// <c>MedifyAI:Generation:Provider</c> selects, the session limits, ingestion and retrieval. The vector index
    /// lives in <c>MedifyAI:VectorIndex:Directory</c>, by default <c>index/</c> under <c>MedifyAI:DataDirectory</c>.
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

        services.AddOptions<IngestionOptions>()
            .Bind(configuration.GetSection(IngestionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IngestionSourceReader>();

        var dataDirectory = configuration[$"{SiloSettings.SectionName}:{nameof(SiloSettings.DataDirectory)}"] ?? ".medifyai";
        services.AddOptions<VectorIndexOptions>()
            .Bind(configuration.GetSection(VectorIndexOptions.SectionName))
            .PostConfigure(options => options.Directory = Path.GetFullPath(
                string.IsNullOrWhiteSpace(options.Directory) ? Path.Combine(dataDirectory, "index") : options.Directory))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LexicalEmbeddingOptions>()
            .Bind(configuration.GetSection(LexicalEmbeddingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RetrievalOptions>()
            .Bind(configuration.GetSection(RetrievalOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddKnowledgeRetrieval();

        // Embedded (default) keeps chunks in SQLite + USearch on this silo; OpenSearch shares one index among silos.
        var vectorIndex = configuration["MedifyAI:VectorIndex:Provider"];
        if (string.Equals(vectorIndex, "OpenSearch", StringComparison.OrdinalIgnoreCase))
        {
            services.AddOpenSearchVectorIndex(configuration);
        }
        else if (!string.IsNullOrEmpty(vectorIndex) && !string.Equals(vectorIndex, "Embedded", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(
                "MedifyAI:VectorIndex:Provider",
                typeof(string),
                [$"MedifyAI:VectorIndex:Provider is '{vectorIndex}'; set Embedded (the default) or OpenSearch."]);
        }

        // Lexical (default) needs no service; SageMaker embeds with the endpoints under MedifyAI:Embeddings:SageMaker.
        var embeddings = configuration["MedifyAI:Embeddings:Provider"];
        if (string.Equals(embeddings, "SageMaker", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSageMakerEmbeddings(configuration);
        }
        else if (!string.IsNullOrEmpty(embeddings) && !string.Equals(embeddings, "Lexical", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(
                "MedifyAI:Embeddings:Provider",
                typeof(string),
                [$"MedifyAI:Embeddings:Provider is '{embeddings}'; set Lexical (the default) or SageMaker."]);
        }

        return services;
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
