using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using MedifyAI.Aws;

namespace MedifyAI.Tests.Aws;

/// <summary>
/// Checks the signer against the published AWS SigV4 test suite (aws-sig-v4-test-suite): example credentials
/// AKIDEXAMPLE, region us-east-1, service "service", signed at 2015-08-30T12:36:00Z.
/// </summary>
public sealed class AwsRequestSignerTests
{
    private const string SuiteSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SuiteScope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private const string SuiteSessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8" +
        "YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6" +
        "q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJa" +
        "bIQwj2ICCR/oLxBA==";

    private const string Unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly DateTimeOffset s_suiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, string[], string?, string?, string, string> SuiteVectors => new()
    {
        // name, method, path and query, headers (name:value), content type, body, signed headers, signature
        { "get-vanilla", "GET", "/", [], null, null, "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-vanilla-query", "GET", "/?Param1=value1", [], null, null, "host;x-amz-date",
            "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb" },
        { "get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", [], null, null, "host;x-amz-date",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "get-vanilla-query-order-value", "GET", "/?Param1=value2&Param1=Value1", [], null, null, "host;x-amz-date",
            "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1" },
        { "get-vanilla-query-order-key", "GET", "/?Param1=value2&Param1=value1", [], null, null, "host;x-amz-date",
            "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694" },
        { "get-vanilla-query-unreserved", "GET", $"/?{Unreserved}={Unreserved}", [], null, null, "host;x-amz-date",
            "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197" },
        { "get-vanilla-utf8-query", "GET", "/?%E1%88%B4=bar", [], null, null, "host;x-amz-date",
            "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
        { "get-unreserved", "GET", "/" + Unreserved, [], null, null, "host;x-amz-date",
            "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f" },
        { "get-header-key-duplicate", "GET", "/", ["My-Header1:value2", "My-Header1:value2", "My-Header1:value1"], null,
            null, "host;my-header1;x-amz-date", "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea" },
        { "get-header-value-order", "GET", "/", ["My-Header1:value4,value1,value3,value2"], null, null,
            "host;my-header1;x-amz-date", "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01" },
        { "get-header-value-trim", "GET", "/", ["My-Header1: value1", "My-Header2:\"a   b   c\""], null, null,
            "host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
        { "post-vanilla", "POST", "/", [], null, null, "host;x-amz-date",
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "post-vanilla-query", "POST", "/?Param1=value1", [], null, null, "host;x-amz-date",
            "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
        { "post-header-key-sort", "POST", "/", ["My-Header1:value1"], null, null, "host;my-header1;x-amz-date",
            "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c" },
        { "post-header-value-case", "POST", "/", ["My-Header1:VALUE1"], null, null, "host;my-header1;x-amz-date",
            "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d" },
        { "post-x-www-form-urlencoded", "POST", "/", [], "application/x-www-form-urlencoded", "Param1=value1",
            "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
        { "post-x-www-form-urlencoded-parameters", "POST", "/", [], "application/x-www-form-urlencoded; charset=utf8",
            "Param1=value1", "content-type;host;x-amz-date",
            "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe" },
    };

    [Theory]
    [MemberData(nameof(SuiteVectors))]
    public void Sign_SuiteVector_MatchesPublishedAuthorization(
        string name,
        string method,
        string pathAndQuery,
        string[] headers,
        string? contentType,
        string? body,
        string signedHeaders,
        string signature)
    {
        var payload = body is null ? [] : Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://example.amazonaws.com" + pathAndQuery);
        foreach (var header in headers)
        {
            var separator = header.IndexOf(':');
            request.Headers.TryAddWithoutValidation(header[..separator], header[(separator + 1)..]);
        }

        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var result = new AwsRequestSigner("us-east-1", "service")
            .Sign(request, payload, new ImmutableCredentials("AKIDEXAMPLE", SuiteSecretKey, null), s_suiteTime);

        var expected = $"AWS4-HMAC-SHA256 Credential={SuiteScope}, SignedHeaders={signedHeaders}, Signature={signature}";
        Assert.True(expected == result.Authorization, $"{name}: canonical request was\n{result.CanonicalRequest}");
        Assert.Equal(expected, request.Headers.GetValues("Authorization").Single());
        Assert.Equal("20150830T123600Z", request.Headers.GetValues("X-Amz-Date").Single());
    }

    [Fact]
    public void Sign_SessionToken_SignsSecurityTokenHeader()
    {
        // post-sts-token/post-sts-header-before: the token is sent and signed as X-Amz-Security-Token.
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", SuiteSecretKey, SuiteSessionToken);

        var result = new AwsRequestSigner("us-east-1", "service").Sign(request, [], credentials, s_suiteTime);

        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential={SuiteScope}, SignedHeaders=host;x-amz-date;x-amz-security-token, " +
            "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead",
            result.Authorization);
        Assert.Equal(SuiteSessionToken, request.Headers.GetValues("X-Amz-Security-Token").Single());
    }

    [Theory]
    [InlineData("get-utf8", "/ሴ", "/%E1%88%B4", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")]
    [InlineData("get-space", "/example space/", "/example%20space/",
        "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741")]
    public void CanonicalRequest_UnescapedSuitePath_EncodesEachByteOnce(
        string name,
        string pathAsSent,
        string canonicalPath,
        string signature)
    {
        // These two suite requests carry unescaped bytes on the request line, which HttpRequestMessage cannot send,
        // so the canonical-request function is checked directly with the path as the suite sends it.
        KeyValuePair<string, string>[] headers = [new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z")];
        var canonical = AwsRequestSigner.BuildCanonicalRequest("GET", pathAsSent, "", headers, AwsRequestSigner.EmptyPayloadHash);
        var stringToSign = AwsRequestSigner.BuildStringToSign(
            "20150830T123600Z", "20150830/us-east-1/service/aws4_request", canonical.Text);
        var key = AwsRequestSigner.DeriveSigningKey(SuiteSecretKey, "20150830", "us-east-1", "service");

        Assert.StartsWith($"GET\n{canonicalPath}\n", canonical.Text, StringComparison.Ordinal);
        Assert.True(
            signature == Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))),
            name);
    }

    [Fact]
    public void Sign_PathAlreadyEscaped_EncodesItAgain()
    {
        // A non-S3 service canonicalizes the path as sent, so an escaped space (%20) becomes %2520.
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/a b/");
        var result = new AwsRequestSigner("us-east-1", "service")
            .Sign(request, [], new ImmutableCredentials("AKIDEXAMPLE", SuiteSecretKey, null), s_suiteTime);

        Assert.StartsWith("GET\n/a%2520b/\n", result.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_ContentSha256Enabled_AddsAndSignsPayloadHash()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");
        var payload = "{}"u8.ToArray();
        var result = new AwsRequestSigner("us-east-1", "service", addContentSha256Header: true)
            .Sign(request, payload, new ImmutableCredentials("AKIDEXAMPLE", SuiteSecretKey, null), s_suiteTime);

        Assert.Equal(AwsRequestSigner.HashHex(payload), request.Headers.GetValues("x-amz-content-sha256").Single());
        Assert.Contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,", result.Authorization, StringComparison.Ordinal);
    }
}
