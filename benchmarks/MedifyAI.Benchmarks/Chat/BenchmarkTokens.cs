using System.Net.Http.Headers;
using MedifyAI.Security;
using MedifyAI.Testing;

namespace MedifyAI.Benchmarks.Chat;

/// <summary>Tokens for benchmark clients and the host settings that trust them and lift the per-patient limits.</summary>
internal sealed class BenchmarkTokens
{
    /// <summary>Configuration that makes the host trust these tokens and lifts the per-patient limits a load test would hit.</summary>
    public IReadOnlyDictionary<string, string> HostSettings { get; } = TestTokens.HostSettings
        .Where(setting => setting.Value is not null)
        .ToDictionary(setting => setting.Key, setting => setting.Value!)
        .Concat(new Dictionary<string, string>
        {
            ["MedifyAI:Security:MessagesPerWindow"] = "1000000",
            ["MedifyAI:Security:SessionsPerWindow"] = "1000000",
            ["MedifyAI:Security:MaxSessionsPerPatient"] = "100000",
        })
        .ToDictionary();

    /// <summary>Gives worker N a token of its own patient.</summary>
    public void Authorize(HttpRequestHeaders headers, int worker) =>
        headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create($"bench-patient-{worker}", [Roles.Patient], lifetime: TimeSpan.FromHours(2)));

    /// <summary>Gives requests a token for <paramref name="subject"/> in <paramref name="role"/>.</summary>
    public void Authorize(HttpRequestHeaders headers, string subject, string role) =>
        headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(subject, [role], lifetime: TimeSpan.FromHours(2)));
}
