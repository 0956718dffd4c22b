using System.Text;
using MedifyAI.Generation.SageMaker;

namespace MedifyAI.Tests.Generation.SageMaker;

public sealed class ServerSentEventLineDecoderTests
{
    [Fact]
    public void Append_LineAndCharacterSplitAcrossParts_ReassemblesData()
    {
        var bytes = Encoding.UTF8.GetBytes("data: {\"t\":\"fièvre\"}\r\n\n: comment\nevent: x\ndata:[DONE]");
        var decoder = new ServerSentEventLineDecoder();
        var values = new List<string>();

        // One byte at a time splits the two-byte 'è' and the CRLF.
        foreach (var b in bytes)
        {
            values.AddRange(decoder.Append([b]));
        }

        values.AddRange(decoder.Complete());

        Assert.Equal(["{\"t\":\"fièvre\"}", "[DONE]"], values);
    }
}
