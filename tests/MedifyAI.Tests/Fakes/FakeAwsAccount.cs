namespace MedifyAI.Tests.Fakes;

/// <summary>
/// The one key pair every fake AWS service accepts, so a host configured for production (SageMaker and OpenSearch
/// signed with one set of credentials, as an IAM role would give) can talk to all the fakes at once.
/// </summary>
public static class FakeAwsAccount
{
    public const string AccessKey = "AKIDFAKEMEDIFYAI";
    public const string SecretKey = "fake-secret-key-for-the-loopback-aws-services";
    public const string Region = "us-east-1";
}
