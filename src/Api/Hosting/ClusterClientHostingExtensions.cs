using System.Net;
using Orleans.Configuration;

namespace MedifyAI.Api.Hosting;

/// <summary>Connects the API front-end to the silos as an Orleans client through their gateways.</summary>
public static class ClusterClientHostingExtensions
{
    public static IHostApplicationBuilder AddMedifyClusterClient(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new();
        ClusterSettingsValidator.ThrowIfInvalid(settings);

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });

            switch (settings.Clustering)
            {
                case ClusteringProvider.AdoNet:
                    client.UseAdoNetClustering(options =>
                    {
                        options.Invariant = settings.Invariant;
                        options.ConnectionString = settings.ConnectionString;
                    });
                    break;
                default:
                    client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, settings.GatewayPort));
                    break;
            }

            // Pick up silos that joined or left within seconds, not Orleans' default minute.
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));

            // Keep retrying while the silos are not up yet, so the front-end can start first on Kubernetes.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });

        return builder;
    }
}
