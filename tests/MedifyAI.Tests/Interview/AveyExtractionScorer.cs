using System.Text.Json;
using System.Text.RegularExpressions;
using MedifyAI.Interview.Extraction;
using MedifyAI.Interview.Lexicon;
using MedifyAI.Sessions;

namespace MedifyAI.Tests.Interview;

/// <summary>
/// Scores symptom extraction on the Avey vignettes. Each vignette's presentation and its absent-findings
/// list are extracted as one patient message. Chief complaints are expected as present findings and
/// absent findings as absent ones. Expected strings are mapped to lexicon ids with the same extractor,
/// and an expected item it cannot map counts as a miss for recall.
/// </summary>
public sealed partial class AveyExtractionScorer
{
    private readonly SymptomExtractor _extractor = new(SymptomLexicon.Shared);

    /// <summary>Scores every vignette in the JSON-lines file at <paramref name="path"/>.</summary>
    public AveyScore Score(string path)
    {
        var score = new AveyScore();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var presentation = root.GetProperty("presentation").GetString() ?? string.Empty;
            var absent = root.GetProperty("absent_findings").GetString() ?? string.Empty;
            var complaints = root.GetProperty("chief_complaints").GetString() ?? string.Empty;
            ScoreVignette(score, presentation, absent, complaints);
        }

        return score;
    }

    private void ScoreVignette(AveyScore score, string presentation, string absent, string complaints)
    {
        score.Vignettes++;
        var state = new InterviewState();
        foreach (var mention in _extractor.Extract(presentation + "\n" + absent).Mentions)
        {
            FindingMerger.Merge(state, mention, 1);
        }

        var predictedPresent = state.Findings.Where(f => f.Present).Select(f => f.SymptomId).ToHashSet();
        var predictedAbsent = state.Findings.Where(f => !f.Present).Select(f => f.SymptomId).ToHashSet();

        var expectedPresent = new HashSet<string>();
        foreach (var item in ComplaintItems(complaints))
        {
            var ids = MapItem(item, present: true);
            if (ids.Count == 0)
            {
                score.UnmappableComplaints++;
                score.UnmappableComplaintTexts.Add(item);
            }

            expectedPresent.UnionWith(ids);
        }

        var expectedAbsent = new HashSet<string>();
        foreach (var item in SplitItems().Split(absent).Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            var ids = MapItem(item, present: false);
            if (ids.Count == 0)
            {
                score.UnmappableNegatives++;
                score.UnmappableNegativeTexts.Add(item);
            }

            expectedAbsent.UnionWith(ids);
        }

        score.ExpectedPositives += expectedPresent.Count;
        score.PredictedPositives += predictedPresent.Count;
        score.TruePositives += expectedPresent.Count(predictedPresent.Contains);
        score.PositivesPredictedAbsent += expectedPresent.Count(predictedAbsent.Contains);
        score.MissedComplaints.AddRange(expectedPresent
            .Where(id => !predictedPresent.Contains(id))
            .Select(id => predictedAbsent.Contains(id)
                ? $"#{score.Vignettes - 1} {id} (denied)"
                : $"#{score.Vignettes - 1} {id}"));

        score.ExpectedNegatives += expectedAbsent.Count;
        score.PredictedNegatives += predictedAbsent.Count;
        score.TrueNegatives += expectedAbsent.Count(predictedAbsent.Contains);
        score.NegativesPredictedPresent += expectedAbsent.Count(predictedPresent.Contains);
    }

    /// <summary>
    /// Splits the comma-separated complaint list. The source splits some complaints at a comma
    /// ("Shortness of, breath", "Leg, Pain"), so a piece the lexicon cannot map is joined with the next
    /// one. A piece starting with "not" ("Vaginal bleeding, not from menstruation") qualifies the
    /// previous complaint and is not an expected finding of its own.
    /// </summary>
    private IEnumerable<string> ComplaintItems(string complaints)
    {
        var pieces = complaints.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("not ", StringComparison.OrdinalIgnoreCase))
            .ToList();
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (MapItem(piece, present: true).Count == 0 && i + 1 < pieces.Count
                && MapItem($"{piece} {pieces[i + 1]}", present: true).Count > 0)
            {
                piece = $"{piece} {pieces[i + 1]}";
                i++;
            }

            yield return piece;
        }
    }

    private HashSet<string> MapItem(string item, bool present)
    {
        return _extractor.Extract(item).Mentions
            .Where(m => m.Present == present && m.Symptom.Kind != SymptomKind.Radiation)
            .Select(m => m.Symptom.Id)
            .ToHashSet();
    }

    [GeneratedRegex(@"[,;.\n]")]
    private static partial Regex SplitItems();
}
