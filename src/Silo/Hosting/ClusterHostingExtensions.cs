using System.Net;
using MedifyAI.Api.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace MedifyAI.Silo.Hosting;

/// <summary>Wires the silo into its cluster: membership, endpoints, liveness and reminders.</summary>
internal static class ClusterHostingExtensions
{
    /// <summary>Section bound onto Orleans' <see cref="ClusterMembershipOptions"/> after the defaults below.</summary>
    public const string MembershipSectionName = "MedifyAI:Cluster:Membership";

    /// <summary>
    /// Initial timeout of a liveness probe. Orleans sends one probe per period to each monitored silo, so a
    /// silo that answers none is suspected after <see cref="MissedProbesLimit"/> periods. Orleans' default is
    /// 5 s; 2 s detects a dead pod in roughly 6 s and still tolerates a slow garbage collection.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo votes its peer dead (Orleans' default).</summary>
    public const int MissedProbesLimit = 3;

    /// <summary>Votes needed to declare a silo dead (Orleans' default): two peers must agree.</summary>
    public const int VotesForDeathDeclaration = 2;

    public static ISiloBuilder AddMedifyClustering(this ISiloBuilder silo, ClusterSettings cluster, IConfiguration configuration)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });

        if (!string.IsNullOrWhiteSpace(cluster.SiloName))
        {
            silo.Configure<SiloOptions>(options => options.SiloName = cluster.SiloName);
        }

        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(options =>
            {
                options.ProbeTimeout = ProbeTimeout;
                options.NumMissedProbesLimit = MissedProbesLimit;
                options.NumVotesForDeathDeclaration = VotesForDeathDeclaration;
            })
            .Bind(configuration.GetSection(MembershipSectionName));

        switch (cluster.Clustering)
        {
            case ClusteringProvider.AdoNet:
                var address = ParseAdvertisedAddress(cluster);
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = cluster.Invariant;
                    options.ConnectionString = cluster.ConnectionString;
                });
                silo.UseAdoNetReminderService(options =>
                {
                    options.Invariant = cluster.Invariant;
                    options.ConnectionString = cluster.ConnectionString;
                });

                // Listen on the advertised address itself: the pod IP on Kubernetes, loopback in tests.
                silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
                break;
            default:
                silo.UseLocalhostClustering(
                    cluster.SiloPort,
                    cluster.GatewayPort,
                    serviceId: cluster.ServiceId,
                    clusterId: cluster.ClusterId);

                // NOTE: reminders in one process are lost on restart. Nothing durable uses them yet.
                silo.UseInMemoryReminderService();
                break;
        }

        return silo;
    }

    private static IPAddress ParseAdvertisedAddress(ClusterSettings cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster.AdvertisedAddress))
        {
            throw new OptionsValidationException(
                ClusterSettings.SectionName,
                typeof(ClusterSettings),
                ["MedifyAI:Cluster:AdvertisedAddress is required when MedifyAI:Cluster:Clustering is AdoNet: set it to "
                    + "the IP address other silos and clients reach this silo on (the pod IP on Kubernetes)."]);
        }

        if (!IPAddress.TryParse(cluster.AdvertisedAddress, out var address))
        {
            throw new OptionsValidationException(
                ClusterSettings.SectionName,
                typeof(ClusterSettings),
                [$"MedifyAI:Cluster:AdvertisedAddress '{cluster.AdvertisedAddress}' is not an IP address: "
                    + "set an IPv4 or IPv6 address, not a host name."]);
        }

        return address;
    }
}
