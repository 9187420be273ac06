// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Core.Generation;
using VectorStudio.Operator.Core.Rbac;

namespace VectorStudio.Operator.Commands;

/// <summary>Writes generated files (CRD, RBAC rules). Each file is written whole, with LF endings.</summary>
public static class GenerateCommand
{
    public static int Generate(string repo, TextWriter stdout, TextWriter stderr)
        => Write(GeneratedArtifacts.All().Select(a => (Path.Combine(repo, a.Path), a.Content)), stdout, stderr);

    public static int Crds(string dir, TextWriter stdout, TextWriter stderr)
        => Write([(Path.Combine(dir, Api.Schema.CrdGenerator.FileName), GeneratedArtifacts.Crd())], stdout, stderr);

    public static int Rbac(string dir, TextWriter stdout, TextWriter stderr) => Write(
        [
            (Path.Combine(dir, Path.GetFileName(GeneratedArtifacts.RulesPath)),
                GeneratedArtifacts.RenderRules(OperatorRbac.Rules)),
            (Path.Combine(dir, Path.GetFileName(GeneratedArtifacts.LeaderElectionRulesPath)),
                GeneratedArtifacts.RenderRules(OperatorRbac.LeaderElectionRules)),
        ],
        stdout,
        stderr);

    private static int Write(IEnumerable<(string Path, string Content)> files, TextWriter stdout, TextWriter stderr)
    {
        foreach (var (path, content) in files)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, content);
                stdout.WriteLine("wrote " + path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"vector-studio-operator: cannot write {path}: {e.Message}");
                return CommandLine.Failed;
            }
        }

        return CommandLine.Ok;
    }
}
