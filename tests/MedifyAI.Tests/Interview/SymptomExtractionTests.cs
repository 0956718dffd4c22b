using MedifyAI.Interview.Extraction;
using MedifyAI.Interview.Lexicon;

namespace MedifyAI.Tests.Interview;

public sealed class SymptomExtractionTests
{
    private readonly SymptomExtractor _extractor = new(SymptomLexicon.Shared);

    [Theory]
    [InlineData("no fever", "fever", false)]
    [InlineData("I have a fever", "fever", true)]
    [InlineData("denies chest pain", "chest-pain", false)]
    [InlineData("crushing chest pain", "chest-pain", true)]
    [InlineData("headache without vomiting", "vomiting", false)]
    [InlineData("headache without vomiting", "headache", true)]
    [InlineData("I'm not short of breath", "shortness-of-breath", false)]
    [InlineData("I'm short of breath", "shortness-of-breath", true)]
    [InlineData("no nausea or vomiting", "nausea", false)]
    [InlineData("no nausea or vomiting", "vomiting", false)]
    [InlineData("no nausea, vomiting or diarrhoea", "diarrhea", false)]
    [InlineData("I've never had chest pain", "chest-pain", false)]
    [InlineData("I don't have a cough", "cough", false)]
    [InlineData("I dont have a cough", "cough", false)]
    [InlineData("no fever but I have a cough", "cough", true)]
    [InlineData("no fever but I have a cough", "fever", false)]
    [InlineData("no fever, however my throat is sore", "sore-throat", true)]
    [InlineData("No fever. Coughing a lot.", "cough", true)]
    [InlineData("no fever, and a cough since Monday", "cough", true)]
    [InlineData("I didn't pass out", "syncope", false)]
    [InlineData("I passed out", "syncope", true)]
    [InlineData("she denied any headache", "headache", false)]
    [InlineData("free of pain, no dizziness", "dizziness", false)]
    [InlineData("there is no improvement in my cough", "cough", true)]
    [InlineData("not sure if I have a fever", "fever", true)]
    [InlineData("no history of seizures", "seizure", false)]
    [InlineData("negative for blood in the urine", "hematuria", false)]
    [InlineData("denies chest pain, shortness of breath, or palpitations", "palpitations", false)]
    [InlineData("no nausea and I have a headache", "headache", true)]
    [InlineData("I can't breathe", "severe-breathing-difficulty", true)]
    [InlineData("no appetite", "loss-of-appetite", true)]
    [InlineData("I don't want to live anymore", "suicidal-thoughts", true)]
    [InlineData("my knee doesn't hurt", "joint-pain", false)]
    [InlineData("the headache doesn't go away", "headache", true)]
    [InlineData("my neck is not stiff", "stiff-neck", false)]
    [InlineData("my neck feels stiff", "stiff-neck", true)]
    [InlineData("no stiffness in my neck", "stiff-neck", false)]
    public void Negation_Table(string text, string symptomId, bool present)
    {
        var mention = Single(text, symptomId);

        Assert.Equal(present, mention.Present);
    }

    [Theory]
    [InlineData("I have a tummy ache", "abdominal-pain")]
    [InlineData("my stomach really hurts", "abdominal-pain")]
    [InlineData("I keep throwing up", "vomiting")]
    [InlineData("I'm short of breath", "shortness-of-breath")]
    [InlineData("I have a runny nose", "runny-nose")]
    [InlineData("sorethroat since Monday", "sore-throat")]
    [InlineData("I've had diarrhoea", "diarrhea")]
    [InlineData("lost my sense of smell", "loss-of-smell")]
    [InlineData("my heart is racing", "palpitations")]
    [InlineData("aching muscles everywhere", "muscle-aches")]
    [InlineData("Headaches every evening", "headache")]
    [InlineData("it burns when I pee", "dysuria")]
    [InlineData("blood in her urine", "hematuria")]
    [InlineData("swollen ankles", "leg-swelling")]
    [InlineData("my left knee hurts", "joint-pain")]
    [InlineData("I feel dizzy", "dizziness")]
    [InlineData("vomitting all night", "vomiting")]
    public void Synonym_MapsToLexiconId(string text, string symptomId)
    {
        var mention = Single(text, symptomId);

        Assert.True(mention.Present);
    }

    [Theory]
    [InlineData("headache for 3 days", 72.0, "3 days ago")]
    [InlineData("headache for three days", 72.0, "3 days ago")]
    [InlineData("I've had a cough since yesterday", 24.0, "yesterday")]
    [InlineData("the cough started two weeks ago", 336.0, "2 weeks ago")]
    [InlineData("the headache started this morning", 6.0, "this morning")]
    [InlineData("a headache for a few hours", 3.0, "3 hours ago")]
    [InlineData("I have a headache. It started 2 days ago.", 48.0, "2 days ago")]
    public void Duration_IsReadAndAttached(string text, double hours, string onset)
    {
        var mention = Single(text, text.Contains("cough") ? "cough" : "headache");

        Assert.Equal(hours, mention.DurationHours);
        Assert.Equal(onset, mention.Onset);
    }

    [Fact]
    public void Age_IsNotADuration()
    {
        var mention = Single("I am 45 years old and have a headache", "headache");

        Assert.Null(mention.DurationHours);
    }

    [Theory]
    [InlineData("headache 7/10", 7)]
    [InlineData("my headache is 8 out of 10", 8)]
    [InlineData("a mild headache", 3)]
    [InlineData("a moderate headache", 5)]
    [InlineData("a severe headache", 8)]
    [InlineData("the worst headache", 10)]
    [InlineData("headache, I'd rate it 6", 6)]
    public void Severity_IsRead(string text, int severity)
    {
        var mention = Single(text, "headache");

        Assert.Equal(severity, mention.Severity);
    }

    [Fact]
    public void SuddenOnset_IsRecorded()
    {
        var mention = Single("the headache came on suddenly 2 hours ago", "headache");

        Assert.Equal("sudden, 2 hours ago", mention.Onset);
        Assert.Equal(2.0, mention.DurationHours);
    }

    [Theory]
    [InlineData("pain in my lower right abdomen", "abdominal-pain", "lower right abdomen")]
    [InlineData("my left arm hurts", "arm-pain", "left arm")]
    [InlineData("chest pain spreading to my jaw", "radiating-pain", "jaw")]
    [InlineData("chest pain that radiates to the left arm", "radiating-pain", "left arm")]
    [InlineData("a headache on the left side", "headache", "left side")]
    public void Location_IsRead(string text, string symptomId, string location)
    {
        var mention = Single(text, symptomId);

        Assert.Equal(location, mention.Location);
    }

    [Fact]
    public void CoordinatedNegation_CoversWholeList()
    {
        var analysis = _extractor.Extract("I have a headache but no fever, nausea, vomiting or stiff neck.");

        Assert.True(analysis.Mentions.Single(m => m.Symptom.Id == "headache").Present);
        Assert.All(
            new[] { "fever", "nausea", "vomiting", "stiff-neck" },
            id => Assert.False(analysis.Mentions.Single(m => m.Symptom.Id == id).Present));
    }

    [Fact]
    public void NegationScope_EndsAtSentence()
    {
        var analysis = _extractor.Extract("No fever. I have a cough and a sore throat");

        Assert.False(analysis.Mentions.Single(m => m.Symptom.Id == "fever").Present);
        Assert.True(analysis.Mentions.Single(m => m.Symptom.Id == "cough").Present);
        Assert.True(analysis.Mentions.Single(m => m.Symptom.Id == "sore-throat").Present);
    }

    [Fact]
    public void Temperature_AddsFever()
    {
        var analysis = _extractor.Extract("my temperature is 38.6 C");

        Assert.Equal(38.6, analysis.TemperatureCelsius);
        Assert.True(analysis.Mentions.Single(m => m.Symptom.Id == "fever").Present);
    }

    [Fact]
    public void TemperatureFahrenheit_IsConverted()
    {
        var analysis = _extractor.Extract("temp of 101 F");

        Assert.NotNull(analysis.TemperatureCelsius);
        Assert.InRange(analysis.TemperatureCelsius.Value, 38.2, 38.4);
    }

    [Fact]
    public void ImpliedSymptom_IsAdded()
    {
        var analysis = _extractor.Extract("worst headache of my life");

        Assert.Contains(analysis.Mentions, m => m.Symptom.Id == "thunderclap-headache" && m.Present);
        Assert.Contains(analysis.Mentions, m => m.Symptom.Id == "headache" && m.Present);
    }

    [Fact]
    public void Lexicon_HasEnoughSymptoms()
    {
        var complaints = SymptomLexicon.Shared.All.Count(s => s.IsComplaint);

        Assert.InRange(complaints, 60, 200);
        Assert.All(SymptomLexicon.Shared.All, s => Assert.Matches("^[a-z]+(-[a-z]+)*$", s.Id));
    }

    private SymptomMention Single(string text, string symptomId)
    {
        var mentions = _extractor.Extract(text).Mentions.Where(m => m.Symptom.Id == symptomId).ToList();
        Assert.True(mentions.Count == 1, $"Expected one '{symptomId}' mention in '{text}', found {mentions.Count}.");
        return mentions[0];
    }
}
