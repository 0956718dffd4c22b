namespace MedifyAI.Api.Hosting;

/// <summary>Membership backends a cluster can use.</summary>
public enum ClusteringProvider
{
    /// <summary>One silo on this machine, or clients that reach it on the loopback gateway port.</summary>
    Localhost,

    /// <summary>Orleans' ADO.NET membership table, here on PostgreSQL.</summary>
    AdoNet,
}
