namespace MedifyAI.Generation.SageMaker;

/// <summary>Request and response contract of the Hugging Face TGI container behind the endpoint.</summary>
public enum SageMakerPayloadFormat
{
    /// <summary>
    /// OpenAI-style chat: <c>{"messages":[...],"max_tokens":..}</c>, answered with <c>choices[0].message.content</c>
    /// or streamed <c>chat.completion.chunk</c> deltas.
    /// </summary>
    Messages,

    /// <summary>
    /// Text generation: <c>{"inputs": prompt, "parameters": {...}}</c> with the prompt in the Llama 3 instruct
    /// format, answered with <c>generated_text</c> or streamed <c>token.text</c> events.
    /// </summary>
    Text,
}
