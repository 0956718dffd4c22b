namespace MedifyAI.Aws;

/// <summary>The intermediate and final values of one SigV4 signature, kept for diagnostics and tests.</summary>
/// <param name="CanonicalRequest">The canonical request that was hashed.</param>
/// <param name="StringToSign">The string that the signing key signed.</param>
/// <param name="Signature">Hex-encoded HMAC-SHA256 signature.</param>
/// <param name="Authorization">The full <c>Authorization</c> header value.</param>
public sealed record AwsSignature(string CanonicalRequest, string StringToSign, string Signature, string Authorization);
