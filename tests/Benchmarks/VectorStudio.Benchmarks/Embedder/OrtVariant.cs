// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Benchmarks.Embedder;

/// <summary>
/// One ONNX Runtime session opened with given <see cref="OrtSessionSettings"/>, driven through the bare
/// OrtApi::Run over input values created once per shape (pinned arrays), for <see cref="EmbedderOrtAbCommand"/>.
/// </summary>
internal sealed unsafe class OrtVariant : IDisposable
{
    private readonly OrtSession _session;
    private readonly List<GCHandle> _pins = [];
    private nint[] _values = [];

    public OrtVariant(string name, string modelPath, OrtSessionSettings settings, bool flushDenormals)
    {
        Name = name;
        FlushDenormals = flushDenormals;
        _session = OrtSession.Open(OrtApi.Shared, modelPath, settings);
    }

    public string Name { get; }

    /// <summary>Runs with FTZ/DAZ set on the calling thread (<see cref="DenormalFlush"/>).</summary>
    public bool FlushDenormals { get; }

    /// <summary>Creates the input values for one shape (ids and mask stay pinned until the next Bind).</summary>
    public void Bind(long[] ids, long[] mask, int batch, int seq)
    {
        Unbind();
        var api = OrtApi.Shared;
        var shape = stackalloc long[] { batch, seq };
        var types = new long[ids.Length];
        _values = new nint[_session.Inputs.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            var array = _session.Inputs[i] switch
            {
                "input_ids" => ids,
                "attention_mask" => mask,
                _ => types,
            };
            var pin = GCHandle.Alloc(array, GCHandleType.Pinned);
            _pins.Add(pin);
            nint value;
            api.Check(api.CreateTensorWithDataAsOrtValue(OrtSession.CpuMemory, (void*)pin.AddrOfPinnedObject(),
                (nuint)(array.Length * sizeof(long)), shape, 2, 7, &value), EmbedderErrorKind.Internal, "input");
            _values[i] = value;
        }
    }

    /// <summary>One run; returns a copy of the first output when <paramref name="copy"/> is set, else null.</summary>
    public float[]? Run(bool copy = false)
    {
        var api = OrtApi.Shared;
        nint output = 0;
        var mode = FlushDenormals ? DenormalFlush.Enter() : 0;
        fixed (nint* values = _values)
        {
            api.Check(api.Run(_session.DangerousGetHandle(), 0, _session.InputNames, values, (nuint)_values.Length,
                _session.OutputNames, 1, &output), EmbedderErrorKind.InferenceFailed, "run");
        }

        if (FlushDenormals)
        {
            DenormalFlush.Restore(mode);
        }

        try
        {
            return copy ? Copy(api, output) : null;
        }
        finally
        {
            api.ReleaseValue(output);
        }
    }

    public string? EndProfiling() => _session.EndProfiling(OrtApi.Shared);

    public void Dispose()
    {
        Unbind();
        _session.Dispose();
    }

    private static float[] Copy(OrtApi api, nint output)
    {
        nint info;
        api.Check(api.GetTensorTypeAndShape(output, &info), EmbedderErrorKind.Internal, "output shape");
        long count = 1;
        try
        {
            nuint rank;
            api.Check(api.GetDimensionsCount(info, &rank), EmbedderErrorKind.Internal, "output shape");
            var dims = stackalloc long[(int)rank];
            api.Check(api.GetDimensions(info, dims, rank), EmbedderErrorKind.Internal, "output shape");
            for (var d = 0; d < (int)rank; d++)
            {
                count *= dims[d];
            }
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }

        void* data;
        api.Check(api.GetTensorMutableData(output, &data), EmbedderErrorKind.Internal, "output");
        return new ReadOnlySpan<float>(data, checked((int)count)).ToArray();
    }

    private void Unbind()
    {
        foreach (var value in _values)
        {
            OrtApi.Shared.ReleaseValue(value);
        }

        foreach (var pin in _pins)
        {
            pin.Free();
        }

        _pins.Clear();
        _values = [];
    }
}
