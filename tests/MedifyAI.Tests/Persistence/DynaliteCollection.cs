namespace MedifyAI.Tests.Persistence;

/// <summary>Test classes that share one dynalite server.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
