namespace MedifyAI.Ingestion;

/// <summary>One file or S3 object of a source, with its size in bytes.</summary>
public sealed record SourceObject(string Name, long Length);
