namespace MedifyAI.Tests.Persistence;

/// <summary>
/// Grain state used by <see cref="GrainStorageConformanceTests"/>, with several member kinds so that a
/// serializer or provider that drops or mangles one of them fails a test.
/// </summary>
[GenerateSerializer]
[Alias("MedifyAI.Tests.Persistence.ConformanceState")]
public sealed class ConformanceState
{
    [Id(0)]
    public string Text { get; set; } = string.Empty;

    [Id(1)]
    public int Counter { get; set; }

    [Id(2)]
    public List<string> Items { get; set; } = [];

    [Id(3)]
    public Dictionary<string, int> Scores { get; set; } = [];

    [Id(4)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(5)]
    public ConformanceNestedRecord? Nested { get; set; }

    [Id(6)]
    public byte[] Blob { get; set; } = [];
}
