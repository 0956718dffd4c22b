using System.Text.Json;
using System.Text.Json.Serialization;
using MedifyAI.Api.Errors;
using MedifyAI.Api.Audit;
using MedifyAI.Api.Health;
using MedifyAI.Api.Patients;
using MedifyAI.Api.Security;
using MedifyAI.Api.Sessions;
using MedifyAI.Sessions;

namespace MedifyAI.Api.Hosting;

/// <summary>Registers and maps the HTTP API; used by the front-end and by the embedded silo.</summary>
public static class ApiHostingExtensions
{
    /// <summary>JSON settings of the API: camelCase names and kebab-case enum values such as <c>self-care</c>.</summary>
    public static void ConfigureApiJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    public static IHostApplicationBuilder AddMedifyApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(options => ConfigureApiJson(options.SerializerOptions));

        // Binding failures throw, so the exception handler can name the field at fault.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddOptions<SessionLimitsOptions>()
            .BindConfiguration(SessionLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHealthChecks()
            .AddCheck<ClusterReadinessCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);

        builder.AddMedifySecurity();
        return builder;
    }

    /// <summary>
    /// Adds the error-handling and security middleware and maps every API route, the OpenAPI document and
    /// health. Every route requires a valid token except health and the OpenAPI document.
    /// </summary>
    public static WebApplication MapMedifyApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMedifySecurity();

        app.MapOpenApi().AllowAnonymous();
        app.MapSessionsApi();
        app.MapPatientsApi();
        app.MapAuditApi();
        app.MapHealthEndpoints();
        return app;
    }
}
