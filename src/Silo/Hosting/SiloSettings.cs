using System.ComponentModel.DataAnnotations;

namespace MedifyAI.Silo.Hosting;

/// <summary>Settings of the silo host, bound from the <c>MedifyAI</c> configuration section.</summary>
public sealed class SiloSettings
{
    public const string SectionName = "MedifyAI";

    /// <summary>Folder for durable local data (grain state, the vector index); created when missing.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = ".medifyai";

    /// <summary>Where grain state is kept.</summary>
    public GrainStorageProvider Storage { get; set; } = GrainStorageProvider.Sqlite;

    /// <summary>Serve the HTTP API from the silo process too; the embedded default does, silos on Kubernetes do not.</summary>
    public bool HostApi { get; set; } = true;

    /// <summary>
    /// URLs of the management listener that serves the dashboard. Loopback (<see cref="DefaultManagementUrl"/>) by default, because the
    /// dashboard shows grain state; it is never served on the API's URLs.
    /// </summary>
    public string[] ManagementUrls { get; set; } = [];

    /// <summary>URLs of the HTTP API, used when <see cref="HostApi"/> is true.</summary>
    public string[] ApiUrls { get; set; } = [];

    /// <summary>
    /// Time a stopping silo has to leave the cluster and deactivate its grains after SIGTERM (format
    /// <c>hh:mm:ss</c>). Keep it below the Kubernetes termination grace period.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Management URL used when none is configured.</summary>
    public const string DefaultManagementUrl = "http://127.0.0.1:8081";

    /// <summary>API URL used when none is configured.</summary>
    public const string DefaultApiUrl = "http://127.0.0.1:5080";
}
