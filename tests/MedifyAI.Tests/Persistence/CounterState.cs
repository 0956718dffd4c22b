namespace MedifyAI.Tests.Persistence;

/// <summary>State of <see cref="SqliteCounterGrain"/>.</summary>
[GenerateSerializer]
[Alias("MedifyAI.Tests.Persistence.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public List<string> Notes { get; set; } = [];
}
