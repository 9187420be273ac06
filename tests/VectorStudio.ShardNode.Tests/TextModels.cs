// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Tests;

namespace VectorStudio.ShardNode.Tests;

/// <summary>
/// Two TorchScript test models made by tests/fixtures/embedder/make_model.py (Debian's /usr/bin/python3 with
/// python3-torch): 128 and 64 dimensions. Deterministic: the same text always gives the same vector.
/// </summary>
internal static class TextModels
{
    public const int Dimension = 128;

    public const int OtherDimension = 64;

    private const string Python = "/usr/bin/python3";

    /// <summary>Makes both into <paramref name="directory"/>; returns the two package directories.</summary>
    public static async Task<(string Model, string Other)> MakeAsync(string directory)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "fixtures", "embedder", "make_model.py");
        var model = Path.Combine(directory, "d128");
        var other = Path.Combine(directory, "d64");
        foreach (var (dir, hidden) in new[] { (model, Dimension), (other, OtherDimension) })
        {
            // Generous: seconds on a quiet machine, a minute or more on a contended CI runner.
            var (code, stdout, stderr) = await ChildProcess.RunAsync(
                Python, [script, dir, "--hidden", hidden.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));
            if (code != 0)
            {
                throw new InvalidOperationException(
                    $"make_model.py failed (needs {Python} with python3-torch: run scripts/setup-test-deps.sh)\n"
                    + ChildProcess.Describe(code, stdout, stderr));
            }
        }

        return (Path.Combine(model, "pooled-torchscript"), Path.Combine(other, "pooled-torchscript"));
    }
}
