// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Tests.Infrastructure;

internal static class Paths
{
    public const string Unary = "/vectorstudio.testing.v1.InteropTest/Unary";
    public const string ServerStream = "/vectorstudio.testing.v1.InteropTest/ServerStream";
    public const string ClientStream = "/vectorstudio.testing.v1.InteropTest/ClientStream";
    public const string Bidi = "/vectorstudio.testing.v1.InteropTest/Bidi";
}
