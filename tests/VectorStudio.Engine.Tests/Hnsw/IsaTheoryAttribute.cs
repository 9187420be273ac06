// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.Intrinsics.X86;

namespace VectorStudio.Engine.Tests.Hnsw;

/// <summary>A theory that is skipped, saying why, when this CPU lacks the instruction set it tests.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class IsaTheoryAttribute : TheoryAttribute
{
    public IsaTheoryAttribute(string isa)
    {
        var supported = isa switch
        {
            "AvxVnni" => AvxVnni.IsSupported,
            "Avx512BW" => Avx512BW.IsSupported,
            "Avx2" => Avx2.IsSupported,
            _ => throw new ArgumentOutOfRangeException(nameof(isa), isa, "unknown instruction set"),
        };
        if (!supported)
        {
            Skip = $"this CPU has no {isa}; the kernel path for it cannot run here";
        }
    }
}
