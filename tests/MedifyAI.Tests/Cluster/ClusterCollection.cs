namespace MedifyAI.Tests.Cluster;

/// <summary>The cluster tests share one PostgreSQL server and run one after another, because each starts several processes.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSQL cluster";
}
