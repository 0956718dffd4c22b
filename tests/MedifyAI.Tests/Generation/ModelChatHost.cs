using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using MedifyAI.Sessions;
using MedifyAI.Tests.Fakes;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Generation;

/// <summary>
/// The real silo host with <c>MedifyAI:Generation:Provider=SageMaker</c> pointed at the loopback fake runtime, which
/// checks SigV4 on every request. The fake's default reply acknowledges the patient and asks the question the prompt
/// proposes, as an obedient model would.
/// </summary>
internal sealed partial class ModelChatHost : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private ModelChatHost(TempDirectory data, FakeSageMakerRuntime fake, SiloProcessHost silo)
    {
        _data = data;
        Fake = fake;
        Silo = silo;
    }

    public FakeSageMakerRuntime Fake { get; }

    public SiloProcessHost Silo { get; }

    public HttpClient Http => Silo.Http;

    public static async Task<ModelChatHost> StartAsync(IDictionary<string, string?>? overrides = null)
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var data = new TempDirectory("medifyai-generation");
        var fake = await FakeSageMakerRuntime.StartAsync();
        fake.ReplyWriter = ObedientReply;

        var settings = new Dictionary<string, string?>
        {
            ["MedifyAI:Generation:Provider"] = "SageMaker",
            ["MedifyAI:Generation:ReplyTimeout"] = "00:00:05",
            ["MedifyAI:Generation:SageMaker:Region"] = FakeSageMakerRuntime.Region,
            ["MedifyAI:Generation:SageMaker:EndpointName"] = FakeSageMakerRuntime.EndpointName,
            ["MedifyAI:Generation:SageMaker:ServiceUrl"] = fake.BaseUrl.ToString(),
            ["MedifyAI:Generation:SageMaker:Timeout"] = "00:00:00.500",
            ["MedifyAI:Generation:SageMaker:MaxRetryAttempts"] = "1",
            ["MedifyAI:Generation:SageMaker:RetryBaseDelay"] = "00:00:00.020",
            ["MedifyAI:Generation:SageMaker:CircuitBreakerMinimumThroughput"] = "1000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var silo = await SiloProcessHost.StartAsync(
            data.Path,
            settings,
            configure: builder => builder.Services.AddSingleton<AWSCredentials>(
                new BasicAWSCredentials(FakeSageMakerRuntime.AccessKey, FakeSageMakerRuntime.SecretKey)));
        return new ModelChatHost(data, fake, silo);
    }

    /// <summary>Acknowledges and asks the question the task line proposes.</summary>
    public static string ObedientReply(string userContent)
    {
        var question = ProposedQuestion().Match(userContent);
        return question.Success
            ? $"Thank you, I have noted that. {question.Groups[1].Value}"
            : "Thank you for telling me. Is there anything else you would like to add?";
    }

    public async Task<string> CreateSessionAsync()
    {
        var response = await Http.PostJsonAsync(
            "/api/sessions",
            new { age = 58, sex = "male", knownConditions = new[] { "hypertension" }, medications = new[] { "amlodipine" } });
        response.EnsureSuccessStatusCode();
        return (await response.ReadAsync<SessionStarted>()).SessionId;
    }

    public async Task<TurnReply> SendAsync(string sessionId, string text, string? clientMessageId = null)
    {
        var response = await Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text, clientMessageId });
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync<TurnReply>();
    }

    public async Task<SessionSnapshot> GetSessionAsync(string sessionId) =>
        (await Http.GetFromJsonAsync<SessionSnapshot>($"/api/sessions/{sessionId}", ApiJson.Options))!;

    /// <summary>The messages of the last request the fake accepted, as (role, content) pairs.</summary>
    public IReadOnlyList<(string Role, string Content)> LastPrompt()
    {
        var request = Fake.Requests.Last();
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!))
            .ToList();
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Fake.DisposeAsync();
        _data.Dispose();
    }

    [GeneratedRegex("ask the next question: \"([^\"]*)\"")]
    private static partial Regex ProposedQuestion();
}
