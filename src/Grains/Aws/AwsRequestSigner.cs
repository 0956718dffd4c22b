using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace MedifyAI.Aws;

/// <summary>
/// AWS Signature Version 4 signer for one service in one region, built on .NET's HMAC-SHA256 and SHA-256.
/// </summary>
/// <remarks>
/// The canonical URI encodes each segment of the path once, taking the path as it is sent on the wire
/// (<see cref="Uri.AbsolutePath"/>). A path whose unescaped form contains reserved characters is therefore
/// encoded twice relative to that form, which is the rule for every service except Amazon S3.
/// </remarks>
public sealed class AwsRequestSigner
{
    /// <summary>Name of the signing algorithm in the Authorization header and the string to sign.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>SHA-256 of an empty payload, hex-encoded.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    // Headers that proxies or the transport may add, drop or rewrite after signing, so they are never signed.
    private static readonly HashSet<string> s_unsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "transfer-encoding", "connection",
        "content-length", "keep-alive", "proxy-authorization", "te", "upgrade",
    };

    private readonly bool _addContentSha256Header;

    /// <summary>Creates a signer for <paramref name="service"/> (for example <c>sagemaker</c>) in <paramref name="region"/>.</summary>
    /// <param name="region">AWS region name, for example <c>eu-west-1</c>.</param>
    /// <param name="service">Signing name of the service, for example <c>sagemaker</c>, <c>es</c> or <c>aoss</c>.</param>
    /// <param name="addContentSha256Header">
    /// Whether to send and sign <c>x-amz-content-sha256</c>; Amazon S3 and OpenSearch Serverless require it.
    /// </param>
    public AwsRequestSigner(string region, string service, bool addContentSha256Header = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        Region = region;
        Service = service;
        _addContentSha256Header = addContentSha256Header;
    }

    public string Region { get; }

    public string Service { get; }

    /// <summary>
    /// Signs <paramref name="request"/> in place: sets <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> for session
    /// credentials, optionally <c>x-amz-content-sha256</c>, and <c>Authorization</c>.
    /// </summary>
    /// <param name="request">The request; its content, if any, must be the bytes in <paramref name="payload"/>.</param>
    /// <param name="payload">The exact request body that will be sent.</param>
    /// <param name="credentials">Credentials resolved for this request.</param>
    /// <param name="signingTime">Time of signing; AWS rejects a signature more than 5 minutes off its clock.</param>
    public AwsSignature Sign(
        HttpRequestMessage request,
        ReadOnlySpan<byte> payload,
        ImmutableCredentials credentials,
        DateTimeOffset signingTime)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            throw new ArgumentException("The request URI must be absolute before signing.", nameof(request));
        }

        var amzDate = FormatAmzDate(signingTime);
        var payloadHash = HashHex(payload);

        request.Headers.Remove("Authorization");
        SetHeader(request, "X-Amz-Date", amzDate);
        if (string.IsNullOrEmpty(credentials.Token))
        {
            request.Headers.Remove("X-Amz-Security-Token");
        }
        else
        {
            SetHeader(request, "X-Amz-Security-Token", credentials.Token);
        }

        if (_addContentSha256Header)
        {
            SetHeader(request, "x-amz-content-sha256", payloadHash);
        }

        var headers = CollectSignableHeaders(request, uri);
        var canonicalRequest = BuildCanonicalRequest(
            request.Method.Method,
            uri.AbsolutePath,
            uri.Query,
            headers,
            payloadHash);

        var scope = $"{amzDate[..8]}/{Region}/{Service}/aws4_request";
        var stringToSign = BuildStringToSign(amzDate, scope, canonicalRequest.Text);
        var signingKey = DeriveSigningKey(credentials.SecretKey, amzDate[..8], Region, Service);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

        var authorization =
            $"{Algorithm} Credential={credentials.AccessKey}/{scope}, " +
            $"SignedHeaders={canonicalRequest.SignedHeaders}, Signature={signature}";
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        return new AwsSignature(canonicalRequest.Text, stringToSign, signature, authorization);
    }

    /// <summary>
    /// Builds the canonical request from the parts of an HTTP request as they appear on the wire.
    /// </summary>
    /// <param name="method">HTTP method, for example <c>POST</c>.</param>
    /// <param name="path">Path as sent, for example <c>/endpoints/my-endpoint/invocations</c>.</param>
    /// <param name="query">Query string as sent, with or without the leading <c>?</c>.</param>
    /// <param name="headers">The headers to sign: name and value pairs; a name may repeat.</param>
    /// <param name="payloadHash">Hex SHA-256 of the body, or <c>UNSIGNED-PAYLOAD</c>.</param>
    public static CanonicalRequest BuildCanonicalRequest(
        string method,
        string path,
        string query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string payloadHash)
    {
        var canonicalHeaders = headers
            .GroupBy(h => h.Key.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => CanonicalizeHeaderValue(h.Value)))))
            .ToList();

        var signedHeaders = string.Join(';', canonicalHeaders.Select(h => h.Name));

        var builder = new StringBuilder();
        builder.Append(method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalizePath(path)).Append('\n');
        builder.Append(CanonicalizeQuery(query)).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n');
        builder.Append(signedHeaders).Append('\n');
        builder.Append(payloadHash);

        return new CanonicalRequest(builder.ToString(), signedHeaders);
    }

    /// <summary>Builds the string to sign from the <c>X-Amz-Date</c> value, the credential scope and the canonical request.</summary>
    public static string BuildStringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{HashHex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <summary>Derives the signing key: HMAC chain over date (yyyyMMdd), region, service and <c>aws4_request</c>.</summary>
    public static byte[] DeriveSigningKey(string secretKey, string date, string region, string service)
    {
        var dateKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        var regionKey = HMACSHA256.HashData(dateKey, Encoding.UTF8.GetBytes(region));
        var serviceKey = HMACSHA256.HashData(regionKey, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(serviceKey, "aws4_request"u8);
    }

    /// <summary>Formats a time as the <c>X-Amz-Date</c> value, <c>yyyyMMddTHHmmssZ</c> in UTC.</summary>
    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Hex-encoded lower-case SHA-256 of <paramref name="data"/>.</summary>
    public static string HashHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// Percent-encodes every byte of the UTF-8 form of <paramref name="value"/> except the RFC 3986 unreserved
    /// characters, with upper-case hex digits, as SigV4 requires.
    /// </summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string CanonicalizePath(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var segments = path.Split('/');
        return string.Join('/', segments.Select(UriEncode));
    }

    private static string CanonicalizeQuery(string query)
    {
        if (query.StartsWith('?'))
        {
            query = query[1..];
        }

        if (query.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = part.IndexOf('=');
            var name = separator < 0 ? part : part[..separator];
            var value = separator < 0 ? string.Empty : part[(separator + 1)..];

            // The wire form is percent-encoded, so it is decoded first and each byte is then encoded exactly once.
            pairs.Add((UriEncode(Uri.UnescapeDataString(name)), UriEncode(Uri.UnescapeDataString(value))));
        }

        return string.Join('&', pairs
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    private static string CanonicalizeHeaderValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousWasSpace = false;
        foreach (var c in value.Trim())
        {
            var isSpace = c is ' ' or '\t' or '\r' or '\n';
            if (isSpace)
            {
                if (!previousWasSpace)
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }

            previousWasSpace = isSpace;
        }

        return builder.ToString();
    }

    private static List<KeyValuePair<string, string>> CollectSignableHeaders(HttpRequestMessage request, Uri uri)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var host = request.Headers.Host ?? uri.Authority;
        headers.Add(new("host", host));

        foreach (var header in request.Headers.NonValidated)
        {
            if (header.Key.Equals("host", StringComparison.OrdinalIgnoreCase) || s_unsignedHeaders.Contains(header.Key))
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                headers.Add(new(header.Key, value));
            }
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers.NonValidated)
            {
                if (s_unsignedHeaders.Contains(header.Key))
                {
                    continue;
                }

                foreach (var value in header.Value)
                {
                    headers.Add(new(header.Key, value));
                }
            }
        }

        return headers;
    }

    private static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }
}
