// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Commands;
using VectorStudio.Operator.Core.Generation;
using VectorStudio.Tests;

namespace VectorStudio.Operator.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vs-operator-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _out.Dispose();
        _err.Dispose();
    }

    [Fact]
    public void Generate_Should_WriteEveryGeneratedFileUnderTheRepo_When_GivenADirectory()
    {
        var code = CommandLine.Run(["generate", "--repo", _dir], _out, _err);

        Assert.Equal(CommandLine.Ok, code);
        foreach (var (path, content) in GeneratedArtifacts.All())
        {
            Assert.Equal(content, File.ReadAllText(Path.Combine(_dir, path)));
        }
    }

    [Fact]
    public void Crds_Should_WriteTheCrdIntoTheOutputDirectory_When_Asked()
    {
        var code = CommandLine.Run(["crds", $"--output={_dir}"], _out, _err);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(GeneratedArtifacts.Crd(), File.ReadAllText(Path.Combine(_dir, "vectorstudio.io_vectorclusters.yaml")));
    }

    [Fact]
    public void Rbac_Should_WriteBothRuleFiles_When_Asked()
    {
        Assert.Equal(CommandLine.Ok, CommandLine.Run(["rbac", "--output", _dir], _out, _err));

        Assert.True(File.Exists(Path.Combine(_dir, "operator-rules.yaml")));
        Assert.True(File.Exists(Path.Combine(_dir, "leader-election-rules.yaml")));
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("crds", "--outptu", "x")]
    [InlineData("crds", "--output")]
    public void Run_Should_ExitWithUsageAndSayWhatIsAccepted_When_ArgumentsAreWrong(params string[] args)
    {
        var code = CommandLine.Run(args, _out, _err);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("accepted", _err.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Generate_Should_FailWithTheReason_When_TheTargetCannotBeWritten()
    {
        // A regular file where a directory must be created: Directory.CreateDirectory fails.
        var blocker = Path.Combine(_dir, "crds");
        File.WriteAllText(blocker, "not a directory");

        var code = CommandLine.Run(["generate", "--repo", _dir], _out, _err);

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("cannot write", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal("not a directory", File.ReadAllText(blocker));
    }

    [Fact]
    public async Task Executable_Should_PrintUsageAndExit2_When_RunWithoutArguments()
    {
        // The real process, so Program.cs's wiring is covered too; 60 s is generous for a start-up
        // that takes well under a second, on a loaded 2-core CI machine.
        var dll = Path.Combine(AppContext.BaseDirectory, "vector-studio-operator.dll");

        var (code, stdout, _) = await ChildProcess.RunAsync("dotnet", [dll], TimeSpan.FromSeconds(60));

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("Usage: vector-studio-operator <command>", stdout, StringComparison.Ordinal);
    }
}
