namespace MedifyAI.Tests.Persistence;

/// <summary>Nested record inside <see cref="ConformanceState"/>.</summary>
[GenerateSerializer]
[Alias("MedifyAI.Tests.Persistence.ConformanceNestedRecord")]
public sealed record ConformanceNestedRecord(
    [property: Id(0)] string Name,
    [property: Id(1)] double Weight,
    [property: Id(2)] Guid Id,
    [property: Id(3)] List<ConformanceNestedRecord> Children);
