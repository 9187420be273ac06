// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;

namespace VectorStudio.Benchmarks.Grpc;

/// <summary>Arguments of the <c>grpc-load</c> command.</summary>
public sealed record GrpcLoadOptions
{
    public const string Usage =
        "grpc-load --target http://127.0.0.1:PORT [--mode unary|stream] [--concurrency 16] "
        + "[--seconds 10] [--warmup 3] [--payload 64]";

    public Uri Target { get; init; } = new("http://127.0.0.1:5000");

    /// <summary>unary: small request/response calls; stream: messages of one server stream.</summary>
    public string Mode { get; init; } = "unary";

    public int Concurrency { get; init; } = 16;

    public double Seconds { get; init; } = 10;

    public double WarmupSeconds { get; init; } = 3;

    public int Payload { get; init; } = 64;

    public static GrpcLoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GrpcLoadOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count
                ? args[i + 1]
                : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            options = args[i] switch
            {
                "--target" => options with { Target = new Uri(value) },
                "--mode" => options with { Mode = value is "unary" or "stream" ? value : throw Bad(args[i], value) },
                "--concurrency" => options with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--payload" => options with { Payload = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw Bad(args[i], value),
            };
        }

        return options;
    }

    private static ArgumentException Bad(string flag, string value) => new($"Unknown {flag} {value}. {Usage}");
}
