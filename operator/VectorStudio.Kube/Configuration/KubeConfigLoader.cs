// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace VectorStudio.Kube.Configuration;

/// <summary>
/// Reads kubeconfig files into <see cref="KubeClientSettings"/>. Supports clusters (server,
/// certificate-authority(-data), insecure-skip-tls-verify), users (token, tokenFile,
/// client-certificate(-data), client-key(-data)), contexts (cluster, user, namespace) and
/// current-context. Several files (a <c>KUBECONFIG</c> list) merge as kubectl merges them: the first
/// file that names an entry or sets current-context wins. Exec plugins, auth providers and basic
/// auth are refused with a message saying so.
/// </summary>
public static class KubeConfigLoader
{
    /// <summary>
    /// The files kubectl would read: <c>KUBECONFIG</c> split on ':' (existing files only), else
    /// <c>~/.kube/config</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultPaths(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var list = environment("KUBECONFIG");
        if (!string.IsNullOrEmpty(list))
        {
            return [.. list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists)];
        }

        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var path = Path.Combine(home, ".kube", "config");
        return File.Exists(path) ? [path] : [];
    }

    /// <summary>Loads the settings of <paramref name="context"/> (default: current-context) from one file.</summary>
    public static KubeClientSettings LoadFile(string path, string? context = null, TimeProvider? time = null) =>
        Load([path], context, time);

    /// <summary>Loads and merges <paramref name="paths"/>, then resolves <paramref name="context"/>.</summary>
    public static KubeClientSettings Load(IReadOnlyList<string> paths, string? context = null, TimeProvider? time = null)
    {
        if (paths.Count == 0)
        {
            throw new KubeConfigException("no kubeconfig found: set KUBECONFIG or create ~/.kube/config");
        }

        var merged = new KubeConfigFile { Clusters = [], Users = [], Contexts = [] };
        foreach (var path in paths)
        {
            var file = Parse(path);
            merged.CurrentContext ??= string.IsNullOrEmpty(file.CurrentContext) ? null : file.CurrentContext;
            MergeInto(merged.Clusters, file.Clusters, path, "clusters");
            MergeInto(merged.Users, file.Users, path, "users");
            MergeInto(merged.Contexts, file.Contexts, path, "contexts");
        }

        return KubeConfigResolver.Resolve(merged, context, string.Join(Path.PathSeparator, paths), time);
    }

    private static KubeConfigFile Parse(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"kubeconfig {path}: cannot read it: {ex.Message}", ex);
        }

        var deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();
        try
        {
            return deserializer.Deserialize<KubeConfigFile?>(text)
                ?? throw new KubeConfigException($"kubeconfig {path}: the file is empty");
        }
        catch (YamlException ex)
        {
            var detail = ex.InnerException?.Message ?? ex.Message;
            throw new KubeConfigException(
                $"kubeconfig {path}: not a valid kubeconfig at line {ex.Start.Line}, column {ex.Start.Column}: {detail} "
                + "(expected a YAML mapping with clusters, users, contexts and current-context)", ex);
        }
    }

    private static void MergeInto<T>(
        List<KubeConfigFile.Named<T>> into, List<KubeConfigFile.Named<T>>? from, string path, string section)
    {
        foreach (var entry in from ?? [])
        {
            if (string.IsNullOrEmpty(entry.Name))
            {
                throw new KubeConfigException($"kubeconfig {path}: an entry in {section} has no name");
            }

            if (entry.Value is null)
            {
                throw new KubeConfigException($"kubeconfig {path}: {section} entry \"{entry.Name}\" has no body");
            }

            entry.File = path;
            if (!into.Exists(e => e.Name == entry.Name))
            {
                into.Add(entry);
            }
        }
    }
}
