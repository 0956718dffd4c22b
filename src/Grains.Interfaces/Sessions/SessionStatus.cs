namespace MedifyAI.Sessions;

[GenerateSerializer, Alias("MedifyAI.Sessions.SessionStatus")]
public enum SessionStatus
{
    /// <summary>No state stored: the session was never started.</summary>
    None = 0,
    Active = 1,
    Ended = 2,
}
