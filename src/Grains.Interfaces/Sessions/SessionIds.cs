using System.Buffers.Text;
using System.Security.Cryptography;

namespace MedifyAI.Sessions;

/// <summary>Creates and checks session ids: 128 random bits, base64url-encoded to 22 characters.</summary>
public static class SessionIds
{
    /// <summary>Length of every session id.</summary>
    public const int Length = 22;

    /// <summary>Creates a new unguessable session id from the system's cryptographic random source.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Returns true when <paramref name="value"/> has the form of a session id.</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
