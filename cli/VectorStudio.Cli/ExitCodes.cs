// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Cli;

/// <summary>vsctl's exit codes, documented in docs/vsctl.md.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server answered with an error status (the message says which).</summary>
    public const int RpcError = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or bad value.</summary>
    public const int Usage = 2;

    /// <summary>An input file is missing or malformed.</summary>
    public const int InputError = 3;

    /// <summary>The server cannot be reached (UNAVAILABLE) or the deadline expired.</summary>
    public const int Unavailable = 4;

    /// <summary>A native library the command needs (the LibTorch shim for <c>export --format pt</c>) is missing.</summary>
    public const int MissingNativeLibrary = 5;
}
