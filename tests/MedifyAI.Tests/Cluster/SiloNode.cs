namespace MedifyAI.Tests.Cluster;

/// <summary>One silo process of a <see cref="LocalCluster"/> and its loopback ports.</summary>
public sealed record SiloNode(string Name, ProductProcess Process, int ManagementPort, int SiloPort, int GatewayPort);
