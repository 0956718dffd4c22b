using System.Text;
using MedifyAI.Retrieval;

namespace MedifyAI.Sessions;

/// <summary>Builds the retrieval query of a chat turn and the wording that cites what was retrieved.</summary>
internal static class SessionReferences
{
    /// <summary>References of each kind cited per turn and per summary.</summary>
    public const int PerKind = 3;

    /// <summary>Patient messages, newest first, that go into the query besides the findings.</summary>
    private const int RecentMessages = 2;

    public const string NoneAvailableNote =
        "No reference datasets are ingested, so no similar published cases or medical answers are listed.";

    public const string NoneFoundNote = "No sufficiently similar published cases or medical answers were found.";

    public const string FoundNote =
        "Similar published cases and medical answers are listed for the clinician as context; they are not a diagnosis.";

    /// <summary>
    /// Builds the query: age and sex, the symptoms reported present, and the latest patient messages. The same
    /// conversation state always gives the same string, which the session grain uses as its cache key.
    /// </summary>
    public static string BuildQuery(PatientProfile profile, InterviewState interview, IReadOnlyList<ChatTurn> turns, string? latest)
    {
        var query = new StringBuilder();
        query.Append(profile.Age).Append("-year-old ").Append(profile.Sex switch
        {
            Sex.Female => "female",
            Sex.Male => "male",
            _ => "patient",
        });

        foreach (var finding in interview.Findings)
        {
            if (finding.Present)
            {
                query.Append(' ').Append(finding.Name);
            }
        }

        var messages = new List<string>(RecentMessages);
        if (latest is not null)
        {
            messages.Add(latest);
        }

        for (var i = turns.Count - 1; i >= 0 && messages.Count < RecentMessages; i--)
        {
            if (turns[i].Role == ChatRole.Patient)
            {
                messages.Add(turns[i].Text);
            }
        }

        for (var i = messages.Count - 1; i >= 0; i--)
        {
            query.Append(' ').Append(messages[i]);
        }

        return query.ToString();
    }

    /// <summary>Appends the citation lines to a reply; returns the reply unchanged when nothing was retrieved.</summary>
    public static string AppendCitations(string reply, IReadOnlyList<KnowledgeReference> references)
    {
        if (references.Count == 0)
        {
            return reply;
        }

        var text = new StringBuilder(reply);
        var cases = references.Where(reference => reference.Kind == ReferenceKind.PatientCase).ToList();
        if (cases.Count > 0)
        {
            text.Append("\n\nSimilar published cases (for your clinician, not a diagnosis): ")
                .AppendJoin(", ", cases.Select(reference => reference.Citation))
                .Append('.');
        }

        var answers = references.Where(reference => reference.Kind != ReferenceKind.PatientCase).ToList();
        if (answers.Count > 0)
        {
            text.Append("\n\nRelated medical information: ")
                .AppendJoin("; ", answers.Select(reference => reference.Title is { Length: > 0 } title
                    ? $"{reference.Citation} ({title})"
                    : reference.Citation))
                .Append('.');
        }

        return text.ToString();
    }
}
