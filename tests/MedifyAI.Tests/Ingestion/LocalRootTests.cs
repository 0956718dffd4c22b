using MedifyAI.Datasets;
using MedifyAI.Ingestion;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace MedifyAI.Tests.Ingestion;

/// <summary>Local dataset files are read only under the configured <c>MedifyAI:Ingestion:LocalRoots</c>.</summary>
public sealed class LocalRootTests : IDisposable
{
    private readonly TempDirectory _root = new("medifyai-roots");
    private readonly TempDirectory _outside = new("medifyai-outside");

    public LocalRootTests()
    {
        File.WriteAllText(Path.Combine(_root.Path, "inside.jsonl"), "{}\n");
        File.WriteAllText(Path.Combine(_outside.Path, "secret.jsonl"), "{}\n");
    }

    [Fact]
    public async Task FileUnderRoot_IsListed()
    {
        using var reader = Reader(_root.Path);

        var objects = await reader.ListAsync(SourceLocation.Parse(Path.Combine(_root.Path, "inside.jsonl")), CancellationToken.None);

        Assert.Equal(Path.Combine(_root.Path, "inside.jsonl"), Assert.Single(objects).Name);
    }

    [Fact]
    public async Task NoRoots_RefusesLocalFilesNamingTheSetting()
    {
        using var reader = Reader();

        var error = await Assert.ThrowsAsync<IngestionSourceException>(
            () => reader.ListAsync(SourceLocation.Parse(Path.Combine(_root.Path, "inside.jsonl")), CancellationToken.None));

        Assert.Equal("source", error.Field);
        Assert.Contains("MedifyAI:Ingestion:LocalRoots", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outside")]
    [InlineData("dot-dot")]
    [InlineData("sibling-prefix")]
    public async Task PathOutsideRoot_Rejected(string placement)
    {
        using var reader = Reader(_root.Path);
        var path = placement switch
        {
            "outside" => Path.Combine(_outside.Path, "secret.jsonl"),
            "dot-dot" => Path.Combine(_root.Path, "..", Path.GetFileName(_outside.Path), "secret.jsonl"),
            _ => _root.Path + "-sibling/secret.jsonl",
        };

        var error = await Assert.ThrowsAsync<IngestionSourceException>(
            () => reader.ListAsync(SourceLocation.Parse(path), CancellationToken.None));

        Assert.Equal("source", error.Field);
        Assert.Contains("outside the folders this silo may read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SymbolicLinkLeavingRoot_IsRefused()
    {
        using var reader = Reader(_root.Path);
        var link = Path.Combine(_root.Path, "link.jsonl");
        File.CreateSymbolicLink(link, Path.Combine(_outside.Path, "secret.jsonl"));

        var error = await Assert.ThrowsAsync<IngestionSourceException>(
            () => reader.ListAsync(SourceLocation.Parse(link), CancellationToken.None));

        Assert.Contains("outside the folders this silo may read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesystemRoot_AllowsEveryFile()
    {
        // The Development settings give "/" as the only root.
        using var reader = Reader("/");

        var objects = await reader.ListAsync(SourceLocation.Parse(Path.Combine(_outside.Path, "secret.jsonl")), CancellationToken.None);

        Assert.Single(objects);
    }

    [Theory]
    [InlineData("trailing-slash")]
    [InlineData("dot-dot")]
    public async Task RootSpelledDifferently_StillMatches(string spelling)
    {
        var root = spelling == "trailing-slash"
            ? _root.Path + "/"
            : Path.Combine(_outside.Path, "..", Path.GetFileName(_root.Path));
        using var reader = Reader(root);

        var objects = await reader.ListAsync(SourceLocation.Parse(Path.Combine(_root.Path, "inside.jsonl")), CancellationToken.None);

        Assert.Single(objects);
    }

    [Fact]
    public async Task FolderLinkLeavingRoot_IsRefused()
    {
        using var reader = Reader(_root.Path);
        var folderLink = Path.Combine(_root.Path, "shared");
        Directory.CreateSymbolicLink(folderLink, _outside.Path);

        var error = await Assert.ThrowsAsync<IngestionSourceException>(
            () => reader.ListAsync(SourceLocation.Parse(Path.Combine(folderLink, "secret.jsonl")), CancellationToken.None));

        Assert.Contains("outside the folders this silo may read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileUnderLinkedRoot_IsListed()
    {
        // A root given through a symbolic link, such as /data pointing at a mounted volume.
        var linkedRoot = _outside.Path + "-root-link";
        Directory.CreateSymbolicLink(linkedRoot, _root.Path);
        try
        {
            File.CreateSymbolicLink(Path.Combine(_root.Path, "alias.jsonl"), Path.Combine(_root.Path, "inside.jsonl"));
            using var reader = Reader(linkedRoot);

            var direct = await reader.ListAsync(SourceLocation.Parse(Path.Combine(linkedRoot, "inside.jsonl")), CancellationToken.None);
            var aliased = await reader.ListAsync(SourceLocation.Parse(Path.Combine(linkedRoot, "alias.jsonl")), CancellationToken.None);

            Assert.Single(direct);
            Assert.Single(aliased);
        }
        finally
        {
            Directory.Delete(linkedRoot);
        }
    }

    [Fact]
    public async Task EncodedDotDotInFileUri_IsRefused()
    {
        using var reader = Reader(_root.Path);
        var uri = "file://" + _root.Path + "/%2E%2E/" + Path.GetFileName(_outside.Path) + "/secret.jsonl";

        var error = await Assert.ThrowsAsync<IngestionSourceException>(
            () => reader.ListAsync(SourceLocation.Parse(uri), CancellationToken.None));

        Assert.Contains("outside the folders this silo may read", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    private static IngestionSourceReader Reader(params string[] roots) =>
        new(Options.Create(new IngestionOptions { LocalRoots = [.. roots] }));
}
