using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace MedifyAI.Api.Health;

/// <summary>Kubernetes probes: <c>/health/live</c> answers while the process runs; <c>/health/ready</c> once it has joined the cluster.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public const string LivePath = "/health/live";

    public const string ReadyPath = "/health/ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
        }).AllowAnonymous();
        return endpoints;
    }
}
