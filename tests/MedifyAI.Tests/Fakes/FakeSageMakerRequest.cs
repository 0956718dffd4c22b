namespace MedifyAI.Tests.Fakes;

/// <summary>A request as the fake SageMaker runtime received it.</summary>
public sealed record FakeSageMakerRequest(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
