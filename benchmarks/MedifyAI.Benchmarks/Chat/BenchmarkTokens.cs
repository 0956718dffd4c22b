using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using MedifyAI.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedifyAI.Benchmarks.Chat;

/// <summary>Patient tokens signed with a key made for one benchmark run, and the host settings that trust it.</summary>
internal sealed class BenchmarkTokens
{
    private const string Issuer = "medifyai-benchmark";
    private const string Audience = "medifyai";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Configuration that makes the host trust these tokens and lifts the per-patient limits a load test would hit.</summary>
    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(_key),
        ["Authentication:Schemes:Bearer:SigningKeys:0:Length"] = "32",
        ["MedifyAI:Security:MessagesPerWindow"] = "1000000",
        ["MedifyAI:Security:SessionsPerWindow"] = "1000000",
        ["MedifyAI:Security:MaxSessionsPerPatient"] = "100000",
    };

    /// <summary>Gives worker N a token of its own patient.</summary>
    public void Authorize(HttpRequestHeaders headers, int worker) =>
        headers.Authorization = new AuthenticationHeaderValue("Bearer", Create($"bench-patient-{worker}", Roles.Patient));

    /// <summary>Gives requests a token for <paramref name="subject"/> in <paramref name="role"/>.</summary>
    public void Authorize(HttpRequestHeaders headers, string subject, string role) =>
        headers.Authorization = new AuthenticationHeaderValue("Bearer", Create(subject, role));

    private string Create(string subject, string role) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role)]),
        Issuer = Issuer,
        Audience = Audience,
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(_key), SecurityAlgorithms.HmacSha256),
    });
}
