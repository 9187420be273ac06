// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using YamlDotNet.Serialization;

namespace VectorStudio.Kube.Configuration;

/// <summary>
/// The YAML shape of a kubeconfig file (only the fields this client uses; others are ignored).
/// Property setters are public because YamlDotNet fills them by reflection.
/// </summary>
internal sealed class KubeConfigFile
{
    [YamlMember(Alias = "current-context")]
    public string? CurrentContext { get; set; }

    [YamlMember(Alias = "clusters")]
    public List<Named<ClusterEntry>>? Clusters { get; set; }

    [YamlMember(Alias = "users")]
    public List<Named<UserEntry>>? Users { get; set; }

    [YamlMember(Alias = "contexts")]
    public List<Named<ContextEntry>>? Contexts { get; set; }

    internal sealed class Named<T>
    {
        [YamlMember(Alias = "name")]
        public string? Name { get; set; }

        [YamlMember(Alias = "cluster")]
        public T? Cluster { get; set; }

        [YamlMember(Alias = "user")]
        public T? User { get; set; }

        [YamlMember(Alias = "context")]
        public T? Context { get; set; }

        /// <summary>The file this entry came from: relative paths resolve against its directory.</summary>
        [YamlIgnore]
        public string File { get; set; } = "";

        public T? Value => Cluster ?? User ?? Context;
    }

    internal sealed class ClusterEntry
    {
        [YamlMember(Alias = "server")]
        public string? Server { get; set; }

        [YamlMember(Alias = "certificate-authority")]
        public string? CertificateAuthority { get; set; }

        [YamlMember(Alias = "certificate-authority-data")]
        public string? CertificateAuthorityData { get; set; }

        [YamlMember(Alias = "insecure-skip-tls-verify")]
        public bool InsecureSkipTlsVerify { get; set; }
    }

    internal sealed class UserEntry
    {
        [YamlMember(Alias = "token")]
        public string? Token { get; set; }

        [YamlMember(Alias = "tokenFile")]
        public string? TokenFile { get; set; }

        [YamlMember(Alias = "client-certificate")]
        public string? ClientCertificate { get; set; }

        [YamlMember(Alias = "client-certificate-data")]
        public string? ClientCertificateData { get; set; }

        [YamlMember(Alias = "client-key")]
        public string? ClientKey { get; set; }

        [YamlMember(Alias = "client-key-data")]
        public string? ClientKeyData { get; set; }

        [YamlMember(Alias = "exec")]
        public object? Exec { get; set; }

        [YamlMember(Alias = "auth-provider")]
        public object? AuthProvider { get; set; }

        [YamlMember(Alias = "username")]
        public string? Username { get; set; }
    }

    internal sealed class ContextEntry
    {
        [YamlMember(Alias = "cluster")]
        public string? Cluster { get; set; }

        [YamlMember(Alias = "user")]
        public string? User { get; set; }

        [YamlMember(Alias = "namespace")]
        public string? Namespace { get; set; }
    }
}
