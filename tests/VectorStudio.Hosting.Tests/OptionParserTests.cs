// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections;

namespace VectorStudio.Hosting.Tests;

public sealed class OptionParserTests : IDisposable
{
    private static readonly OptionDefinition[] Definitions =
    [
        new("data-dir", OptionKind.Path, "./data", "Where data lives."),
        new("grpc-port", OptionKind.Number, "50051", "gRPC port.", Min: 0, Max: 65535),
        new("fsync", OptionKind.Choice, "always", "Fsync policy.", Choices: ["always", "interval"]),
        new("verbose", OptionKind.Boolean, "false", "Chatty logs."),
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("vs-opts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parse_Should_UseDefaults_When_NothingIsGiven()
    {
        var result = OptionParser.Parse(Definitions, [], new Hashtable());

        Assert.True(result.IsValid);
        Assert.Equal("./data", result.Values.GetString("data-dir"));
        Assert.Equal(50051, result.Values.GetInteger("grpc-port"));
        Assert.Equal("default", result.Values.SourceOf("grpc-port"));
    }

    [Fact]
    public void Parse_Should_PreferFlagsOverEnvironmentOverConfigFile_When_AllSetAnOption()
    {
        var config = Path.Combine(_dir, "node.json");
        File.WriteAllText(config, """{ "grpcPort": 1000, "dataDir": "/from-file", "fsync": "interval" }""");
        var env = new Hashtable { ["VECTORSTUDIO_GRPC_PORT"] = "2000", ["VECTORSTUDIO_DATA_DIR"] = "/from-env" };

        var result = OptionParser.Parse(Definitions, ["--config", config, "--grpc-port=3000"], env);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(3000, result.Values.GetInteger("grpc-port"));
        Assert.Equal("/from-env", result.Values.GetString("data-dir"));
        Assert.Equal("interval", result.Values.GetString("fsync"));
        Assert.StartsWith("config file", result.Values.SourceOf("fsync"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Should_ReportEveryProblemWithItsSource_When_ValuesAreInvalid()
    {
        var env = new Hashtable { ["VECTORSTUDIO_FSYNC"] = "sometimes" };

        var result = OptionParser.Parse(Definitions, ["--grpc-port", "70000", "--bogus", "1"], env);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains("--grpc-port: 70000 is out of range; accepted: 0..65535 (from command line", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("'sometimes' is not one of: always, interval (from environment variable VECTORSTUDIO_FSYNC)", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("unknown option --bogus; accepted: --data-dir", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Should_NameFileAndKey_When_ConfigFileIsBroken()
    {
        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{ not json");
        var unknownKey = Path.Combine(_dir, "unknown.json");
        File.WriteAllText(unknownKey, """{ "grpc_port": 1 }""");

        var broken = OptionParser.Parse(Definitions, ["--config", bad], new Hashtable());
        var unknown = OptionParser.Parse(Definitions, ["--config", unknownKey], new Hashtable());
        var missing = OptionParser.Parse(Definitions, ["--config", Path.Combine(_dir, "absent.json")], new Hashtable());

        Assert.Contains(broken.Errors, e => e.StartsWith($"config file {bad}: not valid JSON", StringComparison.Ordinal));
        Assert.Contains(unknown.Errors, e => e.Contains("unknown key 'grpc_port'; accepted: dataDir, grpcPort", StringComparison.Ordinal));
        Assert.Contains(missing.Errors, e => e.Contains("cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Should_TreatBareBooleanFlagAsTrue_When_NoValueFollows()
    {
        var result = OptionParser.Parse(Definitions, ["--verbose", "--grpc-port", "1"], new Hashtable());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.True(result.Values.GetBoolean("verbose"));
    }

    [Fact]
    public void Usage_Should_ListFlagEnvironmentKeyAndDefault_When_Rendered()
    {
        var usage = OptionParser.Usage("node", Definitions);

        Assert.Contains("--grpc-port", usage, StringComparison.Ordinal);
        Assert.Contains("env VECTORSTUDIO_GRPC_PORT, key grpcPort, default 50051", usage, StringComparison.Ordinal);
    }
}
