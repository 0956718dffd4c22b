namespace MedifyAI.Sessions;

/// <summary>A configured limit was exceeded; <see cref="Field"/> names the input at fault.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.SessionLimitExceededException")]
public sealed class SessionLimitExceededException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}
