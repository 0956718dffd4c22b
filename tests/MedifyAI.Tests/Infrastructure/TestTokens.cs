using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedifyAI.Tests.Infrastructure;

/// <summary>
/// Signs test access tokens with a symmetric key that <see cref="HostSettings"/> configures as the API's
/// trusted issuer key, so tests exercise the real JWT bearer validation.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "medifyai-tests";
    public const string Audience = "medifyai";

    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Configuration keys that make a host trust tokens from <see cref="Create"/>.</summary>
    public static Dictionary<string, string?> HostSettings => new()
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Key),
    };

    /// <summary>Returns a one-hour token for <paramref name="subject"/> with the given roles.</summary>
    public static string Create(string subject, params string[] roles)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(role => new Claim("role", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Makes <paramref name="http"/> send a token with the given roles on every request.</summary>
    public static void Authorize(HttpClient http, string subject, params string[] roles)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Create(subject, roles));
    }

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
