// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

public sealed class ModelPackageTests : IDisposable
{
    private const string Valid = """
        {"name": "m", "backend": "onnx", "model": "model.onnx", "tokenizer": "tokenizer.json",
         "maxSequenceLength": 256, "pooling": "cls", "normalize": true}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("vs-pkg-").FullName;

    public ModelPackageTests()
    {
        File.WriteAllText(Path.Combine(_dir, "model.onnx"), "x");
        File.WriteAllText(Path.Combine(_dir, "tokenizer.json"), "{}");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_Should_ReadEveryField_When_TheManifestIsValid()
    {
        File.WriteAllText(Path.Combine(_dir, ModelPackage.ManifestFileName), Valid);
        var package = ModelPackage.Load(_dir);
        Assert.Equal(("m", ModelBackendKind.Onnx, 256, PoolingMode.Cls, true), (package.Name, package.Backend, package.MaxSequenceLength, package.Pooling, package.Normalize));
        Assert.Equal(Path.Combine(_dir, "model.onnx"), package.ModelPath);
        Assert.Equal(Path.Combine(_dir, "tokenizer.json"), package.TokenizerPath);
    }

    [Fact]
    public void Parse_Should_DefaultToNoPoolingAndNoNormalisation_When_TheyAreOmitted()
    {
        var package = ModelPackage.Parse(_dir, """{"name": "m", "backend": "torchscript", "model": "model.onnx", "tokenizer": "tokenizer.json", "maxSequenceLength": 8}""");
        Assert.Equal((ModelBackendKind.TorchScript, PoolingMode.None, false), (package.Backend, package.Pooling, package.Normalize));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"backend": "onnx", "model": "model.onnx", "tokenizer": "tokenizer.json", "maxSequenceLength": 8}""", "'name' is required")]
    [InlineData("""{"name": "m", "backend": "tensorflow", "model": "model.onnx", "tokenizer": "tokenizer.json", "maxSequenceLength": 8}""", "accepted: torchscript, onnx")]
    [InlineData("""{"name": "m", "backend": "onnx", "model": "../model.onnx", "tokenizer": "tokenizer.json", "maxSequenceLength": 8}""", "inside the package folder")]
    [InlineData("""{"name": "m", "backend": "onnx", "model": "/etc/passwd", "tokenizer": "tokenizer.json", "maxSequenceLength": 8}""", "inside the package folder")]
    [InlineData("""{"name": "m", "backend": "onnx", "model": "model.onnx", "tokenizer": "tok.bin", "maxSequenceLength": 8}""", "tokenizer.json or a WordPiece vocab.txt")]
    [InlineData("""{"name": "m", "backend": "onnx", "model": "model.onnx", "tokenizer": "vocab.txt", "maxSequenceLength": 8}""", "tokenizer file not found")]
    [InlineData("""{"name": "m", "backend": "onnx", "model": "model.onnx", "tokenizer": "tokenizer.json", "maxSequenceLength": 0}""", "integer from 1 to 8192")]
    [InlineData("""{"name": "m", "backend": "onnx", "model": "model.onnx", "tokenizer": "tokenizer.json"}""", "'maxSequenceLength' is required")]
    [InlineData("""{"name": "m", "backend": "onnx", "model": "model.onnx", "tokenizer": "tokenizer.json", "maxSequenceLength": 8, "pooling": "max"}""", "accepted: none, mean, cls")]
    [InlineData("""{"name": "m", "backend": "onnx", "model": "model.onnx", "tokenizer": "tokenizer.json", "maxSequenceLength": 8, "normalize": "yes"}""", "true or false")]
    [InlineData("""{"name": "m", "backend": "onnx", "model": "model.onnx", "tokenizer": "tokenizer.json", "maxSequenceLength": 8, "dim": 3}""", "unknown field 'dim'")]
    public void Parse_Should_FailWithInvalidPackage_When_TheManifestIsWrong(string json, string message)
    {
        var e = Assert.Throws<EmbedderException>(() => ModelPackage.Parse(_dir, json));
        Assert.Equal(EmbedderErrorKind.InvalidPackage, e.Kind);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Should_FailWithModelNotFound_When_TheModelFileIsAbsent()
    {
        var e = Assert.Throws<EmbedderException>(() => ModelPackage.Parse(_dir, Valid.Replace("model.onnx", "other.onnx", StringComparison.Ordinal)));
        Assert.Equal(EmbedderErrorKind.ModelNotFound, e.Kind);
        Assert.Contains("other.onnx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Should_FailWithInvalidPackage_When_TheFolderOrManifestIsMissing()
    {
        Assert.Contains("folder not found", Assert.Throws<EmbedderException>(() => ModelPackage.Load(Path.Combine(_dir, "nope"))).Message, StringComparison.Ordinal);
        Assert.Contains("needs a manifest.json", Assert.Throws<EmbedderException>(() => ModelPackage.Load(_dir)).Message, StringComparison.Ordinal);
    }
}
