using System.Text;
using Microsoft.Extensions.AI;

namespace MedifyAI.Generation.SageMaker;

/// <summary>
/// Formats chat messages as a Llama 3 instruct prompt: each message is
/// <c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\ncontent&lt;|eot_id|&gt;</c> after one
/// <c>&lt;|begin_of_text|&gt;</c>, and the prompt ends with an open assistant header.
/// </summary>
public static class Llama3PromptFormatter
{
    /// <summary>Token that ends each turn; generation stops on it.</summary>
    public const string EndOfTurn = "<|eot_id|>";

    private static readonly string[] s_specialTokens =
    [
        "<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", EndOfTurn,
    ];

    public static string Format(IEnumerable<ChatMessage> messages)
    {
        var builder = new StringBuilder("<|begin_of_text|>");
        foreach (var message in messages)
        {
            AppendTurn(builder, message.Role.Value, message.Text);
        }

        builder.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
        return builder.ToString();
    }

    private static void AppendTurn(StringBuilder builder, string role, string content)
    {
        // A patient could type a special token to forge a turn; removing them keeps the turn structure intact.
        foreach (var token in s_specialTokens)
        {
            content = content.Replace(token, string.Empty, StringComparison.Ordinal);
        }

        builder.Append("<|start_header_id|>").Append(role).Append("<|end_header_id|>\n\n");
        builder.Append(content.Trim()).Append(EndOfTurn);
    }
}
