// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Benchmarks.Embedder;

/// <summary>
/// A second copy of a package's model driven through the bare native API, for <see cref="EmbedderBreakdownCommand"/>:
/// TorchScript through vst_module_forward (its output buffer freed at once), ONNX through OrtApi::Run with input
/// values created once per shape over pinned arrays. Nothing of the backends' managed code runs.
/// </summary>
internal sealed unsafe class BareModel : IDisposable
{
    private readonly TorchModuleHandle? _module;
    private readonly OrtSession? _session;
    private readonly List<GCHandle> _pins = [];
    private nint[] _values = [];
    private long[]? _boundIds;

    private BareModel(TorchModuleHandle? module, OrtSession? session)
    {
        _module = module;
        _session = session;
    }

    public static BareModel Open(ModelPackage package, int threads)
    {
        if (package.Backend == ModelBackendKind.TorchScript)
        {
            TorchNative.EnsureReady();
            TorchNative.Check(TorchNative.vst_module_load(package.ModelPath, "cpu", 0, out var module), "load");
            return new BareModel(module, null);
        }

        return new BareModel(null, OrtSession.Open(OrtApi.Shared, package.ModelPath, threads));
    }

    /// <summary>Runs one native forward and returns the output's element count.</summary>
    public long Forward(long[] ids, long[] mask, int batch, int seq)
    {
        if (_module is not null)
        {
            var shape = stackalloc long[TorchNative.MaxRank];
            fixed (long* i = ids)
            fixed (long* m = mask)
            {
                TorchNative.Check(TorchNative.vst_module_forward(_module, i, m, batch, seq, out var output, shape, out var rank), "forward");
                TorchNative.vst_buffer_free(output);
                long count = 1;
                for (var d = 0; d < rank; d++)
                {
                    count *= shape[d];
                }

                return count;
            }
        }

        var api = OrtApi.Shared;
        Bind(api, ids, mask, batch, seq);
        nint value = 0;
        fixed (nint* values = _values)
        {
            api.Check(api.Run(_session!.DangerousGetHandle(), 0, _session.InputNames, values, (nuint)_values.Length, _session.OutputNames, 1, &value),
                EmbedderErrorKind.InferenceFailed, "run");
        }

        api.ReleaseValue(value);
        return 0;
    }

    /// <summary>The raw output's element count for a shape: pooled [batch, dim] or tokens [batch, seq, dim].</summary>
    public long OutputLength(int batch, int seq, int dimension)
    {
        if (_module is not null)
        {
            var ids = new long[batch * seq];
            return Forward(ids, Enumerable.Repeat(1L, ids.Length).ToArray(), batch, seq);
        }

        return _session!.Outputs[0] == "last_hidden_state" ? (long)batch * seq * dimension : (long)batch * dimension;
    }

    public void Dispose()
    {
        _module?.Dispose();
        if (_session is not null)
        {
            Unbind(OrtApi.Shared);
            _session.Dispose();
        }
    }

    private void Bind(OrtApi api, long[] ids, long[] mask, int batch, int seq)
    {
        if (ReferenceEquals(_boundIds, ids))
        {
            return;
        }

        Unbind(api);
        _boundIds = ids;
        var shape = stackalloc long[] { batch, seq };
        var types = new long[ids.Length];
        _values = new nint[_session!.Inputs.Length];
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
            api.Check(api.CreateTensorWithDataAsOrtValue(OrtSession.CpuMemory, (void*)pin.AddrOfPinnedObject(), (nuint)(array.Length * sizeof(long)),
                shape, 2, 7, &value), EmbedderErrorKind.Internal, "input");
            _values[i] = value;
        }
    }

    private void Unbind(OrtApi api)
    {
        foreach (var value in _values)
        {
            api.ReleaseValue(value);
        }

        foreach (var pin in _pins)
        {
            pin.Free();
        }

        _pins.Clear();
        _values = [];
        _boundIds = null;
    }
}
