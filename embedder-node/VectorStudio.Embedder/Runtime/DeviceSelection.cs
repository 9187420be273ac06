// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;

namespace VectorStudio.Embedder.Runtime;

/// <summary>The device and precision a model runs with, and why (lines for the log).</summary>
internal sealed record DeviceChoice(string Device, bool Fp16, IReadOnlyList<string> Notes)
{
    public string Precision => Fp16 ? "fp16" : "fp32";
}

/// <summary>
/// Pure decision: requested device + fp16 + the CUDA devices present → where to run. An absent GPU falls
/// back to CPU (with a note); fp16 is honoured on a GPU only.
/// </summary>
internal static class DeviceSelection
{
    public static DeviceChoice Choose(string requested, bool fp16, int cudaDevices, string runtime)
    {
        var notes = new List<string>();
        var wanted = (requested ?? "auto").Trim().ToLowerInvariant();
        string device;
        if (wanted == "auto")
        {
            device = cudaDevices > 0 ? "cuda:0" : "cpu";
            if (cudaDevices == 0)
            {
                notes.Add($"device auto: CUDA is not available to {runtime}; running on CPU");
            }
        }
        else if (wanted == "cpu")
        {
            device = "cpu";
        }
        else if (CudaIndex(wanted) is { } index)
        {
            if (cudaDevices == 0)
            {
                notes.Add($"device {wanted} requested but CUDA is not available to {runtime} (no GPU or a CPU-only build); falling back to CPU");
                device = "cpu";
            }
            else if (index >= cudaDevices)
            {
                throw new EmbedderException(
                    EmbedderErrorKind.DeviceUnavailable, $"device {wanted} does not exist: {cudaDevices} CUDA device(s), cuda:0 to cuda:{cudaDevices - 1}");
            }
            else
            {
                device = $"cuda:{index}";
            }
        }
        else
        {
            throw EmbedderException.InvalidInput($"device '{requested}' is not valid (accepted: auto, cpu, cuda, cuda:N)");
        }

        var half = fp16 && device != "cpu";
        if (fp16 && !half)
        {
            notes.Add("fp16 needs a GPU; running fp32 on CPU");
        }

        return new DeviceChoice(device, half, notes);
    }

    private static int? CudaIndex(string device)
    {
        if (device == "cuda")
        {
            return 0;
        }

        return device.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }
}
