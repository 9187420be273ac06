// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Cli.Commands;
using VectorStudio.Cli.Import;

namespace VectorStudio.Cli.Tests;

/// <summary>JSONL lines with "text" instead of "vector" (for a collection bound to an embedder).</summary>
public sealed class JsonlTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vs-import-text-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_Should_KeepTheText_When_ALineHasTextInsteadOfAVector()
    {
        var path = Write("""
            {"id": 1, "text": "hello world", "payload": {"lang": "en"}}
            {"vector": [1, 2]}
            """);

        var records = VectorSource.Open(path, null).Read(firstId: 5).ToList();
        var batch = ImportCommand.Batches("c", records, 10).Single();

        Assert.Equal("hello world", records[0].Text);
        Assert.Empty(records[0].Vector);
        Assert.Null(records[1].Text);
        Assert.Equal("hello world", batch.Points[0].Text);
        Assert.Empty(batch.Points[0].Vector);
        Assert.Equal("en", batch.Points[0].Payload["lang"].StringValue);
        Assert.Equal(string.Empty, batch.Points[1].Text);
        Assert.Equal([1f, 2f], batch.Points[1].Vector);
    }

    [Theory]
    [InlineData("{\"text\": \"a\", \"vector\": [1]}", "the line has both \"vector\" and \"text\"; give exactly one")]
    [InlineData("{\"id\": 1}", "missing \"vector\" (an array of numbers) or \"text\" (a string)")]
    [InlineData("{\"text\": \"\"}", "\"text\" must be a non-empty string, not \"\"")]
    [InlineData("{\"text\": 5}", "\"text\" must be a non-empty string, not 5")]
    public void Read_Should_NameTheLineAndProblem_When_TextAndVectorAreWrong(string line, string message)
    {
        var path = Write("{\"text\": \"fine\"}\n" + line);

        var e = Assert.Throws<ImportFormatException>(() => VectorSource.Open(path, null).Read().ToList());

        Assert.Equal($"{path}:2: {message}", e.Message);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "t.jsonl");
        File.WriteAllText(path, text);
        return path;
    }
}
