// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Core;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// The restricted Pod Security Standard for every pod the operator creates: non-root with a fixed
/// uid/gid (the images create user 10001), read-only root filesystem, no privilege escalation, no
/// capabilities, the runtime's default seccomp profile.
/// </summary>
public static class PodSecurity
{
    public const long UserId = 10001;

    public static PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = UserId,
        RunAsGroup = UserId,
        FsGroup = UserId,
        FsGroupChangePolicy = "OnRootMismatch",
        SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" },
    };

    public static SecurityContext Container() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = UserId,
        RunAsGroup = UserId,
        ReadOnlyRootFilesystem = true,
        AllowPrivilegeEscalation = false,
        Privileged = false,
        Capabilities = new Capabilities { Drop = ["ALL"] },
        SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" },
    };
}
