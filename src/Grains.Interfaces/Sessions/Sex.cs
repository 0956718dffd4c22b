namespace MedifyAI.Sessions;

/// <summary>Sex recorded for clinical context.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.Sex")]
public enum Sex
{
    Female = 0,
    Male = 1,
    Other = 2,
    Unknown = 3,
}
