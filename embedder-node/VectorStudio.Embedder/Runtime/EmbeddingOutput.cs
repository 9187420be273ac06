// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// Turns a model's raw output into final vectors, the same way for every backend: classify the output
/// shape at load, then per batch pool token embeddings (mean over the attention mask, or the first
/// token) and optionally L2-normalise. Mean pooling and normalisation follow sentence-transformers:
/// sum(h·m) / max(sum(m), 1e-9) and v / max(‖v‖, 1e-12).
/// </summary>
internal static class EmbeddingOutput
{
    /// <summary>Decides the output layout and the vector dimension from the test forward pass's shape.</summary>
    public static (OutputLayout Layout, int Dimension) Classify(ReadOnlySpan<long> shape, int batch, int sequenceLength, PoolingMode pooling)
    {
        var text = Describe(shape);
        if (shape.Length == 2 && shape[0] == batch && shape[1] is >= 1 and <= int.MaxValue)
        {
            if (pooling != PoolingMode.None)
            {
                throw EmbedderException.UnsupportedOutput(
                    $"the model outputs pooled vectors {text} but the manifest asks for pooling '{Name(pooling)}'; set pooling to none");
            }

            return (OutputLayout.Pooled, (int)shape[1]);
        }

        if (shape.Length == 3 && shape[0] == batch && shape[1] == sequenceLength && shape[2] is >= 1 and <= int.MaxValue)
        {
            if (pooling == PoolingMode.None)
            {
                throw EmbedderException.UnsupportedOutput(
                    $"the model outputs token embeddings {text} [batch, seq, hidden]; set pooling to mean or cls in the manifest");
            }

            return (OutputLayout.Tokens, (int)shape[2]);
        }

        throw EmbedderException.UnsupportedOutput(
            $"model output shape {text} for input [{batch}, {sequenceLength}] is not supported (accepted: [batch, dim], or [batch, seq, hidden] with pooling mean or cls)");
    }

    /// <summary>Pools and normalises one batch's raw output into row-major [batch, dimension] vectors.</summary>
    public static float[] Finish(
        ReadOnlySpan<float> raw,
        ReadOnlySpan<long> shape,
        ReadOnlySpan<long> attentionMask,
        int batch,
        int sequenceLength,
        OutputLayout layout,
        int dimension,
        PoolingMode pooling,
        bool normalize)
    {
        var expected = layout == OutputLayout.Pooled
            ? shape is [var b, var d] && b == batch && d == dimension
            : shape is [var b3, var s, var h] && b3 == batch && s == sequenceLength && h == dimension;
        var count = layout == OutputLayout.Pooled ? (long)batch * dimension : (long)batch * sequenceLength * dimension;
        if (!expected || raw.Length != count)
        {
            throw EmbedderException.UnsupportedOutput(
                $"model output shape {Describe(shape)} differs from the one found at load ({layout}, dimension {dimension})");
        }

        var result = new float[batch * dimension];
        for (var row = 0; row < batch; row++)
        {
            var target = result.AsSpan(row * dimension, dimension);
            if (layout == OutputLayout.Pooled)
            {
                raw.Slice(row * dimension, dimension).CopyTo(target);
            }
            else
            {
                var tokens = raw.Slice(row * sequenceLength * dimension, sequenceLength * dimension);
                Pool(tokens, attentionMask.Slice(row * sequenceLength, sequenceLength), dimension, pooling, target);
            }

            if (normalize)
            {
                Normalize(target);
            }
        }

        return result;
    }

    private static void Pool(ReadOnlySpan<float> tokens, ReadOnlySpan<long> mask, int dimension, PoolingMode pooling, Span<float> target)
    {
        switch (pooling)
        {
            case PoolingMode.Cls:
                tokens[..dimension].CopyTo(target);
                return;
            case PoolingMode.Mean:
                Span<double> sum = dimension <= 1024 ? stackalloc double[dimension] : new double[dimension];
                sum.Clear();
                double weight = 0;
                for (var t = 0; t < mask.Length; t++)
                {
                    if (mask[t] == 0)
                    {
                        continue;
                    }

                    weight += mask[t];
                    var token = tokens.Slice(t * dimension, dimension);
                    for (var i = 0; i < dimension; i++)
                    {
                        sum[i] += token[i] * (double)mask[t];
                    }
                }

                var divisor = Math.Max(weight, 1e-9);
                for (var i = 0; i < dimension; i++)
                {
                    target[i] = (float)(sum[i] / divisor);
                }

                return;
            case PoolingMode.None:
                throw EmbedderException.UnsupportedOutput("token embeddings need pooling mean or cls");
        }
    }

    private static void Normalize(Span<float> vector)
    {
        double squares = 0;
        foreach (var v in vector)
        {
            squares += (double)v * v;
        }

        var scale = 1.0 / Math.Max(Math.Sqrt(squares), 1e-12);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] * scale);
        }
    }

    internal static string Name(PoolingMode pooling) => pooling switch
    {
        PoolingMode.None => "none",
        PoolingMode.Mean => "mean",
        PoolingMode.Cls => "cls",
    };

    private static string Describe(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
