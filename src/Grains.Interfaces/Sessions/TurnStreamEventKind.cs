namespace MedifyAI.Sessions;

/// <summary>Kinds of <see cref="TurnStreamEvent"/>.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.TurnStreamEventKind")]
public enum TurnStreamEventKind
{
    /// <summary>Reply text as it arrives; the client appends it to what it shows.</summary>
    Token = 0,

    /// <summary>
    /// The text streamed so far is withdrawn; the client shows <see cref="TurnStreamEvent.Text"/> in its place.
    /// Sent when a safety check or a failure replaced the model's reply after tokens had been relayed.
    /// </summary>
    Replace = 1,

    /// <summary>The stored turn: the authoritative reply text with triage, red flags and citations. Always last.</summary>
    Final = 2,
}
