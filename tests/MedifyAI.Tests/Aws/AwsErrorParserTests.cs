using System.Net;
using System.Text;
using MedifyAI.Aws;

namespace MedifyAI.Tests.Aws;

public sealed class AwsErrorParserTests
{
    [Fact]
    public void Parse_HeaderType_StripsSuffix()
    {
        var error = AwsErrorParser.Parse(
            HttpStatusCode.TooManyRequests,
            "ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.sagemaker/",
            "req-1",
            """{"message":"Rate exceeded"}"""u8);

        Assert.Equal("ThrottlingException", error.ErrorType);
        Assert.Equal("Rate exceeded", error.Message);
        Assert.Equal("req-1", error.RequestId);
    }

    [Fact]
    public void Parse_BodyType_StripsNamespace()
    {
        var error = AwsErrorParser.Parse(
            HttpStatusCode.BadRequest,
            null,
            null,
            """{"__type":"com.amazonaws.sagemaker#ValidationError","Message":"bad"}"""u8);

        Assert.Equal("ValidationError", error.ErrorType);
        Assert.Equal("bad", error.Message);
    }

    [Fact]
    public void Parse_NonJsonBody_KeepsText()
    {
        var error = AwsErrorParser.Parse(HttpStatusCode.BadGateway, null, null, Encoding.UTF8.GetBytes("<html>502</html>"));

        Assert.Null(error.ErrorType);
        Assert.Equal("<html>502</html>", error.Message);
        Assert.Null(error.Body);
    }
}
