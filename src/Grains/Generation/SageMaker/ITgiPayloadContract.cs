using Microsoft.Extensions.AI;

namespace MedifyAI.Generation.SageMaker;

/// <summary>Request and response shapes of one Hugging Face TGI route.</summary>
internal interface ITgiPayloadContract
{
    TgiRequest BuildRequest(IReadOnlyList<ChatMessage> messages, TgiGenerationSettings settings, bool stream);

    /// <exception cref="SageMakerException">The body is not the expected shape, or it carries an error.</exception>
    TgiCompletion ParseResponse(ReadOnlySpan<byte> body, TgiRequest request);

    /// <summary>Parses the value of one <c>data:</c> line of the streamed reply.</summary>
    /// <exception cref="SageMakerException">The event is not the expected shape, or it carries an error.</exception>
    TgiStreamEvent ParseStreamData(string data);
}
