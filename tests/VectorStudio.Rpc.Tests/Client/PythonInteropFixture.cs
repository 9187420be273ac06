// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>
/// Two grpcio servers shared by the interop tests: one plain, one that gzip-compresses its
/// responses. Both accept 16 MiB messages so the 5 MB tests fit.
/// </summary>
public sealed class PythonInteropFixture : IAsyncLifetime
{
    public const int MaxMessageSize = 16 * 1024 * 1024;

    private PythonServerProcess? _plain;
    private PythonServerProcess? _gzip;

    public PythonServerProcess Plain => _plain ?? throw new InvalidOperationException("Not started.");

    public PythonServerProcess Gzip => _gzip ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var size = MaxMessageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var plain = PythonServerProcess.StartAsync("--max-message-size", size);
        var gzip = PythonServerProcess.StartAsync("--max-message-size", size, "--compression", "gzip");
        _plain = await plain;
        _gzip = await gzip;
    }

    public async Task DisposeAsync()
    {
        if (_plain is not null)
        {
            await _plain.DisposeAsync();
        }

        if (_gzip is not null)
        {
            await _gzip.DisposeAsync();
        }
    }
}
