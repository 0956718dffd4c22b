namespace MedifyAI.Benchmarks.Storage;

/// <summary>
/// Grain state shaped like a chat session: a few scalars and a list of turns whose text sets the payload size.
/// </summary>
[GenerateSerializer]
[Alias("MedifyAI.Benchmarks.Storage.BenchmarkChatState")]
public sealed class BenchmarkChatState
{
    [Id(0)]
    public Guid SessionId { get; set; }

    [Id(1)]
    public int Revision { get; set; }

    [Id(2)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(3)]
    public List<string> Turns { get; set; } = [];
}
