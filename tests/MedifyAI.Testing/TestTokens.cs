using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedifyAI.Testing;

/// <summary>
/// Mints access tokens signed with a key made for this test run, and the configuration that makes a host
/// trust them through the standard <c>Authentication:Schemes:Bearer</c> section.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "medifyai-tests";
    public const string Audience = "medifyai";

    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// Configuration a test host needs: trust tokens from <see cref="Create"/>, and read dataset files from the
    /// repository, the shared datasets and the temporary folder.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Key),
        ["Authentication:Schemes:Bearer:SigningKeys:0:Length"] = "32",
        ["MedifyAI:Ingestion:LocalRoots:0"] = RepositoryPaths.Root,
        ["MedifyAI:Ingestion:LocalRoots:1"] = RepositoryPaths.SharedData,
        ["MedifyAI:Ingestion:LocalRoots:2"] = Path.GetTempPath(),
    };

    /// <summary>Creates a signed token for <paramref name="subject"/> with the given roles.</summary>
    public static string Create(
        string subject,
        string[] roles,
        TimeSpan? lifetime = null,
        string issuer = Issuer,
        string audience = Audience,
        byte[]? signingKey = null,
        DateTime? notBefore = null)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(role => new Claim("role", role)));

        var now = notBefore ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            NotBefore = now,
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? Key), SecurityAlgorithms.HmacSha256),
        };

        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>Creates an HTTP client for <paramref name="baseAddress"/> that sends a token for the subject and roles.</summary>
    public static HttpClient CreateClient(Uri baseAddress, string subject, params string[] roles)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Create(subject, roles));
        return http;
    }

    /// <summary>Makes <paramref name="http"/> send a token for <paramref name="subject"/> and <paramref name="roles"/>.</summary>
    public static void Authorize(HttpClient http, string subject, params string[] roles) =>
        http.DefaultRequestHeaders.Authorization = new("Bearer", Create(subject, roles));

    /// <summary>Adds <see cref="HostSettings"/> to <paramref name="settings"/> and returns it.</summary>
    public static Dictionary<string, string?> WithHostSettings(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        foreach (var (key, value) in HostSettings)
        {
            settings[key] = value;
        }

        return settings;
    }
}
