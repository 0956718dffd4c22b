namespace MedifyAI.Tests.Fakes;

/// <summary>Timing of one successful invocation of the fake, as <see cref="System.Diagnostics.Stopwatch"/> timestamps.</summary>
/// <param name="UserContent">The last user message (messages payload) or user segment (text payload).</param>
/// <param name="Received">When the request reached the fake, before its body was read.</param>
/// <param name="FirstPartSent">When the first PayloadPart was flushed; null for a non-streaming call.</param>
/// <param name="Completed">When the last byte of the response was flushed.</param>
public sealed record FakeSageMakerExchange(string UserContent, long Received, long? FirstPartSent, long Completed);
