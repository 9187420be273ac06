// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;
using VectorStudio.Client;
using VectorStudio.Rpc.Client;

namespace VectorStudio.Cli;

/// <summary>What every command gets: the clients, the output streams, and the output mode.</summary>
public sealed class CliContext(GrpcChannel channel, TextWriter output, TextWriter error, bool json, TimeSpan? timeout)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public CollectionsClient Collections { get; } = new(channel);

    public PointsClient Points { get; } = new(channel);

    public EmbedderClient Embedder { get; } = new(channel);
    public SnapshotsClient Snapshots { get; } = new(channel);

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Print JSON for scripts instead of tables for people.</summary>
    public bool Json { get; } = json;

    public CallOptions Call(CancellationToken cancellationToken = default) =>
        new(Timeout: timeout, CancellationToken: cancellationToken);

    /// <summary>Writes a message in the proto3 JSON mapping, one line.</summary>
    public void WriteJson(IMessage message) => Output.WriteLine(Formatter.Format(message));
}
