namespace MedifyAI.Sessions;

[GenerateSerializer, Alias("MedifyAI.Sessions.ChatRole")]
public enum ChatRole
{
    Patient = 0,
    Assistant = 1,
}
