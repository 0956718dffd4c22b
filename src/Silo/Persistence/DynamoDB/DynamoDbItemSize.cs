using System.Text;
using Amazon.DynamoDBv2.Model;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// Item size as DynamoDB counts it against its 400 KB limit: for every attribute, the UTF-8 length of its name plus
/// the size of its value.
/// </summary>
internal static class DynamoDbItemSize
{
    /// <summary>DynamoDB's maximum item size: 400 KB, which AWS counts as 409,600 bytes.</summary>
    public const int MaxItemSize = 400 * 1024;

    /// <summary>
    /// Measures <paramref name="item"/> in bytes. Strings count their UTF-8 bytes, binaries their length, and numbers
    /// one byte per two significant digits plus two, one more than AWS documents, so the result never undercounts.
    /// </summary>
    /// <exception cref="ArgumentException">An attribute has a type other than S, N or B.</exception>
    public static long Measure(IReadOnlyDictionary<string, AttributeValue> item)
    {
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + MeasureValue(name, value);
        }

        return size;
    }

    private static long MeasureValue(string name, AttributeValue value)
    {
        if (value.S is not null)
        {
            return Encoding.UTF8.GetByteCount(value.S);
        }

        if (value.B is not null)
        {
            return value.B.Length;
        }

        if (value.N is not null)
        {
            var digits = value.N.TrimStart('-', '+').Split('e', 'E')[0].Replace(".", string.Empty, StringComparison.Ordinal);
            var significant = digits.Trim('0').Length;
            return (significant + 1) / 2 + 2;
        }

        throw new ArgumentException($"Attribute '{name}' has a type this measure does not support; use S, N or B.", nameof(value));
    }
}
