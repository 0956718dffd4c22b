namespace MedifyAI.Aws;

/// <summary>A SigV4 canonical request and its semicolon-separated list of signed header names.</summary>
public sealed record CanonicalRequest(string Text, string SignedHeaders);
