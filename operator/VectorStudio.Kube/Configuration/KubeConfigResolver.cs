// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VectorStudio.Kube.Configuration;

/// <summary>Turns a merged kubeconfig and a context name into settings; every failure names the file and entry.</summary>
internal static class KubeConfigResolver
{
    public static KubeClientSettings Resolve(KubeConfigFile config, string? contextName, string source, TimeProvider? time)
    {
        contextName ??= config.CurrentContext;
        var contexts = config.Contexts ?? [];
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeConfigException($"kubeconfig {source}: no current-context is set and no context was given "
                + $"(contexts: {Names(contexts)})");
        }

        var ctx = contexts.Find(c => c.Name == contextName)
            ?? throw new KubeConfigException($"kubeconfig {source}: context \"{contextName}\" is not defined "
                + $"(contexts: {Names(contexts)})");
        var c = ctx.Value!;
        var cluster = (config.Clusters ?? []).Find(x => x.Name == c.Cluster)
            ?? throw new KubeConfigException($"kubeconfig {ctx.File}: context \"{contextName}\" names cluster "
                + $"\"{c.Cluster}\", which is not defined (clusters: {Names(config.Clusters ?? [])})");
        KubeConfigFile.Named<KubeConfigFile.UserEntry>? user = null;
        if (!string.IsNullOrEmpty(c.User))
        {
            user = (config.Users ?? []).Find(x => x.Name == c.User)
                ?? throw new KubeConfigException($"kubeconfig {ctx.File}: context \"{contextName}\" names user "
                    + $"\"{c.User}\", which is not defined (users: {Names(config.Users ?? [])})");
        }

        var cl = cluster.Value!;
        var where = $"kubeconfig {cluster.File}: cluster \"{cluster.Name}\"";
        if (string.IsNullOrEmpty(cl.Server)
            || !Uri.TryCreate(cl.Server, UriKind.Absolute, out var server)
            || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw new KubeConfigException($"{where}: server \"{cl.Server}\" is not an http(s) URL (e.g. https://host:6443)");
        }

        var cas = new X509Certificate2Collection();
        var caPem = ReadPem(cl.CertificateAuthorityData, cl.CertificateAuthority, cluster.File, where, "certificate-authority");
        if (caPem is not null)
        {
            try
            {
                cas.ImportFromPem(caPem);
            }
            catch (CryptographicException ex)
            {
                throw new KubeConfigException($"{where}: certificate-authority is not a PEM certificate: {ex.Message}", ex);
            }

            if (cas.Count == 0)
            {
                throw new KubeConfigException($"{where}: certificate-authority holds no PEM certificate");
            }
        }

        return new KubeClientSettings
        {
            Server = server,
            Namespace = string.IsNullOrEmpty(c.Namespace) ? "default" : c.Namespace,
            CertificateAuthorities = cas,
            InsecureSkipTlsVerify = cl.InsecureSkipTlsVerify,
            ClientCertificate = user is null ? null : ClientCertificate(user),
            Token = user is null ? null : Token(user, time),
            Source = source,
        };
    }

    private static X509Certificate2? ClientCertificate(KubeConfigFile.Named<KubeConfigFile.UserEntry> user)
    {
        var u = user.Value!;
        var where = $"kubeconfig {user.File}: user \"{user.Name}\"";
        var certPem = ReadPem(u.ClientCertificateData, u.ClientCertificate, user.File, where, "client-certificate");
        var keyPem = ReadPem(u.ClientKeyData, u.ClientKey, user.File, where, "client-key");
        if (certPem is null && keyPem is null)
        {
            return null;
        }

        if (certPem is null || keyPem is null)
        {
            throw new KubeConfigException($"{where}: client-certificate and client-key must be given together");
        }

        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certPem, keyPem);

            // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw new KubeConfigException(
                $"{where}: client-certificate / client-key are not a matching PEM certificate and key: {ex.Message}", ex);
        }
    }

    private static ITokenSource? Token(KubeConfigFile.Named<KubeConfigFile.UserEntry> user, TimeProvider? time)
    {
        var u = user.Value!;
        var where = $"kubeconfig {user.File}: user \"{user.Name}\"";
        if (!string.IsNullOrEmpty(u.Token))
        {
            return new StaticTokenSource(u.Token);
        }

        if (!string.IsNullOrEmpty(u.TokenFile))
        {
            return new FileTokenSource(Resolve(user.File, u.TokenFile), time);
        }

        var unsupported = u.Exec is not null ? "exec credential plugins" : u.AuthProvider is not null ? "auth-provider"
            : u.Username is not null ? "basic auth (username/password)" : null;
        if (unsupported is not null && u.ClientCertificate is null && u.ClientCertificateData is null)
        {
            throw new KubeConfigException($"{where}: uses {unsupported}, which this client does not support "
                + "(supported: token, tokenFile, client-certificate(-data) with client-key(-data))");
        }

        return null;
    }

    private static string? ReadPem(string? data, string? path, string file, string where, string field)
    {
        if (!string.IsNullOrEmpty(data))
        {
            try
            {
                return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException ex)
            {
                throw new KubeConfigException($"{where}: {field}-data is not valid base64", ex);
            }
        }

        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var full = Resolve(file, path);
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{where}: cannot read {field} file {full}: {ex.Message}", ex);
        }
    }

    private static string Resolve(string kubeconfig, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(kubeconfig) ?? ".", path));

    private static string Names<T>(List<KubeConfigFile.Named<T>> entries) =>
        entries.Count == 0 ? "none" : string.Join(", ", entries.Select(e => e.Name));
}
