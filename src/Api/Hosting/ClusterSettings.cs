using System.ComponentModel.DataAnnotations;

namespace MedifyAI.Api.Hosting;

/// <summary>
/// How silos and clients find each other, bound from the <c>MedifyAI:Cluster</c> configuration section (Orleans reads its own <c>Orleans</c> section, so these keys live apart). The silo
/// host and the API front-end read the same keys.
/// </summary>
public sealed class ClusterSettings
{
    public const string SectionName = "MedifyAI:Cluster";

    /// <summary><c>Localhost</c> for one machine, or <c>AdoNet</c> for a membership table in PostgreSQL.</summary>
    public ClusteringProvider Clustering { get; set; } = ClusteringProvider.Localhost;

    [Required(AllowEmptyStrings = false)]
    public string ClusterId { get; set; } = "medifyai";

    [Required(AllowEmptyStrings = false)]
    public string ServiceId { get; set; } = "medifyai";

    /// <summary>Port for silo-to-silo traffic.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port on which silos accept clients such as the API front-end.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>ADO.NET connection string of the membership database; required with <c>AdoNet</c> clustering.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>ADO.NET invariant name of the membership database driver.</summary>
    public string Invariant { get; set; } = "Npgsql";

    /// <summary>
    /// IP address this silo publishes in the membership table and listens on for silo and gateway traffic;
    /// required by silos with <c>AdoNet</c> clustering. On Kubernetes it is the pod IP (<c>POD_IP</c>).
    /// Clients ignore it.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Silo name shown in the membership table and the dashboard; on Kubernetes the pod name. Clients ignore it.</summary>
    public string? SiloName { get; set; }
}
