namespace MedifyAI.Sessions;

/// <summary>One event of a streamed reply: a text delta, a replacement of the text so far, or the final turn.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.TurnStreamEvent")]
public sealed record TurnStreamEvent
{
    [Id(0)] public required TurnStreamEventKind Kind { get; init; }

    /// <summary>The delta for <see cref="TurnStreamEventKind.Token"/>, the whole new text for <see cref="TurnStreamEventKind.Replace"/>.</summary>
    [Id(1)] public string? Text { get; init; }

    /// <summary>The stored turn, on <see cref="TurnStreamEventKind.Final"/> only.</summary>
    [Id(2)] public TurnReply? Reply { get; init; }

    public static TurnStreamEvent Token(string text) => new() { Kind = TurnStreamEventKind.Token, Text = text };

    public static TurnStreamEvent Replace(string text) => new() { Kind = TurnStreamEventKind.Replace, Text = text };

    public static TurnStreamEvent Final(TurnReply reply) => new() { Kind = TurnStreamEventKind.Final, Reply = reply };
}
