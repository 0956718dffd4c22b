namespace MedifyAI.Interview.Lexicon;

/// <summary>A body region a patient may name, with the symptoms that pain or swelling there maps to.</summary>
/// <param name="Label">Location text recorded on findings, for example "arm".</param>
/// <param name="PainSymptomId">Symptom id for pain in this region.</param>
/// <param name="SwellingSymptomId">Symptom id for swelling in this region.</param>
internal sealed record BodyPart(string Label, string PainSymptomId, string SwellingSymptomId);
