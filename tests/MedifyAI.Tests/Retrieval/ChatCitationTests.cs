using System.Text.RegularExpressions;
using MedifyAI.Retrieval;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Retrieval;

/// <summary>Chat replies and summaries cite retrieved cases and answers, over HTTP against the real host.</summary>
public sealed partial class ChatCitationTests
{
    [Fact]
    public async Task Chat_WithDatasets_CitesPublishedCases()
    {
        using var data = new TempDirectory("medifyai-citations");
        await using var host = await SiloProcessHost.StartAsync(data.Path, TestTokens.WithHostSettings());
        TestTokens.Authorize(host.Http, "operator-and-patient-1", "operator", "patient");
        await DatasetApiClient.IngestAsync(host.Http, "pmc-patients", Fixtures.PmcSlice, "pmc-patients-csv");
        await DatasetApiClient.IngestAsync(host.Http, "medquad", Fixtures.MedquadSample, "medquad-jsonl");

        var created = await host.Http.PostJsonAsync("/api/sessions", new { age = 60, sex = "male" });
        var sessionId = (await created.ReadAsync<SessionStarted>()).SessionId;
        var turn = await host.Http.PostJsonAsync(
            $"/api/sessions/{sessionId}/messages",
            new { text = "I have had a fever, a dry cough and shortness of breath for five days" });
        var reply = await turn.ReadAsync<TurnReply>();

        var cases = reply.References.Where(reference => reference.Kind == ReferenceKind.PatientCase).ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, reference => Assert.Equal("pmc-patients", reference.Dataset));
        Assert.All(cases, reference => Assert.Matches(PatientUid(), reference.RecordId));
        Assert.Contains("Similar published cases (for your clinician, not a diagnosis): PMC ", reply.Reply);
        Assert.Contains(cases[0].Citation, reply.Reply);

        var end = await host.Http.PostAsync($"/api/sessions/{sessionId}/end", null);
        var summary = await end.ReadAsync<ClinicalSummary>();

        Assert.NotEmpty(summary.SimilarCases);
        Assert.All(summary.SimilarCases, reference => Assert.Equal(ReferenceKind.PatientCase, reference.Kind));
        Assert.All(summary.SimilarCases, reference => Assert.StartsWith("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC", reference.Url));
        Assert.All(summary.SimilarCases, reference => Assert.InRange(reference.Score, 0.05, 1));
        Assert.NotEmpty(summary.MedicalAnswers);
        Assert.All(summary.MedicalAnswers, reference => Assert.Equal("medquad", reference.Dataset));
        Assert.Contains("not a diagnosis", summary.ReferencesNote);
    }

    [Fact]
    public async Task Chat_WithoutDatasets_SaysNoReferencesAvailable()
    {
        using var data = new TempDirectory("medifyai-no-references");
        await using var host = await SiloProcessHost.StartAsync(data.Path, TestTokens.WithHostSettings());
        TestTokens.Authorize(host.Http, "patient-1", "patient");

        var created = await host.Http.PostJsonAsync("/api/sessions", new { age = 30, sex = "female" });
        var sessionId = (await created.ReadAsync<SessionStarted>()).SessionId;
        var turn = await host.Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = "I have a headache" });
        var reply = await turn.ReadAsync<TurnReply>();
        var end = await host.Http.PostAsync($"/api/sessions/{sessionId}/end", null);
        var summary = await end.ReadAsync<ClinicalSummary>();

        Assert.Empty(reply.References);
        Assert.DoesNotContain("Similar published cases", reply.Reply);
        Assert.Empty(summary.SimilarCases);
        Assert.Empty(summary.MedicalAnswers);
        Assert.Contains("No reference datasets are ingested", summary.ReferencesNote);
    }

    [GeneratedRegex(@"^\d+-\d+$")]
    private static partial Regex PatientUid();
}
