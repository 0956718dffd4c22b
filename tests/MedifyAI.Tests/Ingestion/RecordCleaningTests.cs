using MedifyAI.Ingestion;

namespace MedifyAI.Tests.Ingestion;

/// <summary>Age parsing, whitespace normalisation, chunking and source parsing.</summary>
public sealed class RecordCleaningTests
{
    [Theory]
    [InlineData("[[60.0, 'year']]", 60.0)]
    [InlineData("[[3.0, 'month'], [2.0, 'week']]", 0.2883)]
    [InlineData("[[7.0, 'year'], [11.0, 'month']]", 7.9167)]
    [InlineData("[[10.0, 'day']]", 0.0274)]
    [InlineData("[[36.0, 'hour']]", 0.0041)]
    public void AgeParser_ConvertsUnitsToYears(string value, double years)
    {
        Assert.Equal(years, AgeParser.TryParseYears(value)!.Value, precision: 4);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("60")]
    [InlineData("[[abc, 'year']]")]
    [InlineData("[[3.0, 'decade']]")]
    [InlineData("[[-2.0, 'year']]")]
    [InlineData("[[200.0, 'year']]")]
    [InlineData("[[60.0, 'year']")]
    public void AgeParser_RejectsInvalidAges(string value)
    {
        Assert.Null(AgeParser.TryParseYears(value));
    }

    [Fact]
    public void NormalizeWhitespace_CollapsesLineBreaksAndTabs()
    {
        Assert.Equal("a b c", TextNormalizer.NormalizeWhitespace("  a\r\n\tb   c \n"));
        Assert.Equal(string.Empty, TextNormalizer.NormalizeWhitespace(" \n\t "));
    }

    [Fact]
    public void Chunker_OverlapsConsecutiveChunks()
    {
        var chunker = new TextChunker(maxWords: 10, overlapWords: 3);
        var text = string.Join(' ', Enumerable.Range(1, 25).Select(i => $"w{i}"));

        var chunks = chunker.Split(text);

        Assert.Equal(["w1 w2 w3 w4 w5 w6 w7 w8 w9 w10", "w8 w9 w10 w11 w12 w13 w14 w15 w16 w17",
            "w15 w16 w17 w18 w19 w20 w21 w22 w23 w24", "w22 w23 w24 w25"], chunks);
        Assert.Single(chunker.Split("short text"));
        Assert.Empty(chunker.Split(string.Empty));
        Assert.Equal("pmc/7665777-1#2", TextChunker.ChunkId("pmc", "7665777-1", 2));
    }

    [Theory]
    [InlineData("s3://bucket-a/path/to/file.csv", "bucket-a", "path/to/file.csv", false)]
    [InlineData("s3://bucket-a/prefix/", "bucket-a", "prefix/", true)]
    [InlineData("s3://bucket-a", "bucket-a", "", true)]
    public void SourceLocation_ParsesS3Uris(string source, string bucket, string key, bool prefix)
    {
        var location = SourceLocation.Parse(source);

        Assert.Equal(bucket, location.Bucket);
        Assert.Equal(key, location.Key);
        Assert.Equal(prefix, location.IsPrefix);
    }

    [Fact]
    public void SourceLocation_ParsesFileUriAndPath()
    {
        Assert.Equal("/data/a b.csv", SourceLocation.Parse("file:///data/a%20b.csv").FilePath);
        Assert.Equal("/data/x.csv", SourceLocation.Parse("/data/x.csv").FilePath);
        Assert.Throws<ArgumentException>(() => SourceLocation.Parse("https://example.org/x.csv"));
        Assert.Throws<ArgumentException>(() => SourceLocation.Parse(" "));
    }
}
