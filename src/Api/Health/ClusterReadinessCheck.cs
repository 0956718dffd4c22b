using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedifyAI.Api.Health;

/// <summary>
/// Ready once a grain call reaches the cluster. It calls the management grain through the cluster client,
/// which works the same in a silo and in the front-end.
/// </summary>
internal sealed class ClusterReadinessCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0)
                .GetHosts(onlyActive: true)
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);

            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silos.")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The cluster is not reachable yet.", exception);
        }
    }
}
