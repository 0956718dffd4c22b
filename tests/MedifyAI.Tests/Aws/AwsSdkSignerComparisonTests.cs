using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using MedifyAI.Aws;

namespace MedifyAI.Tests.Aws;

/// <summary>Signs the same SageMaker request with <see cref="AwsRequestSigner"/> and with AWSSDK.Core's AWS4Signer.</summary>
public sealed class AwsSdkSignerComparisonTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("FwoGZXIvYXdzEXAMPLESESSIONTOKEN+/=")]
    public void Sign_SageMakerRequest_MatchesAwsSdkSigner(string? sessionToken)
    {
        var signedAt = new DateTime(2025, 3, 14, 9, 26, 53, DateTimeKind.Utc);
        var body = Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"I have a headache"}],"max_tokens":64}""");
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken);

        var sdkRequest = new DefaultRequest(new ComparisonRequest(), "Amazon.SageMakerRuntime")
        {
            HttpMethod = "POST",
            Endpoint = new Uri("https://runtime.sagemaker.eu-west-1.amazonaws.com"),
            ResourcePath = "/endpoints/openbiollm-8b/invocations",
            Content = body,
        };
        sdkRequest.Headers["Content-Type"] = "application/json";
        sdkRequest.Headers["Accept"] = "application/json";
        sdkRequest.Headers["X-Amzn-SageMaker-Custom-Attributes"] = "session=42";
        if (sessionToken is not null)
        {
            sdkRequest.Headers["X-Amz-Security-Token"] = sessionToken;
        }

        var config = new ComparisonClientConfig { AuthenticationRegion = "eu-west-1", AuthenticationServiceName = "sagemaker" };
        var sdkResult = new AWS4Signer().SignRequest(
            sdkRequest, config, null, credentials.AccessKey, credentials.SecretKey, signedAt);

        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            "https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/openbiollm-8b/invocations");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("X-Amzn-SageMaker-Custom-Attributes", "session=42");
        var sdkSignsPayloadHash = sdkRequest.Headers.ContainsKey("X-Amz-Content-SHA256");
        var ours = new AwsRequestSigner("eu-west-1", "sagemaker", addContentSha256Header: sdkSignsPayloadHash)
            .Sign(request, body, credentials, signedAt);

        Assert.Equal(sdkResult.ForAuthorizationHeader, ours.Authorization);
    }

    private sealed class ComparisonRequest : AmazonWebServiceRequest;

    private sealed class ComparisonClientConfig : ClientConfig
    {
        public ComparisonClientConfig()
            : base(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard }]))
        {
        }

        public override string RegionEndpointServiceName => "sagemaker";

        public override string ServiceVersion => "2017-05-13";

        public override string UserAgent => "medifyai-tests";

        public override Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(
            Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters parameters) =>
            throw new NotSupportedException("The comparison signs a fixed endpoint.");
    }
}
