using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedifyAI.Silo.Health;

/// <summary>
/// Ready while this silo is an active member of the cluster: false while it joins, and false again once it
/// starts shutting down, so Kubernetes takes a draining pod out of service before it stops.
/// </summary>
internal sealed class SiloReadinessCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(localSilo.SiloAddress);
        var activeSilos = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);

        var result = status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Active; {activeSilos} active silos at membership version {snapshot.Version}.")
            : HealthCheckResult.Unhealthy($"Silo status is {status}.");
        return Task.FromResult(result);
    }
}
