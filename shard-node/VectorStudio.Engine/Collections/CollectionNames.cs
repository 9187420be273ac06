// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Collections;

/// <summary>Collection name rules: 1..64 characters from [A-Za-z0-9_-], starting with a letter or digit.</summary>
public static class CollectionNames
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > EngineLimits.MaxNameLength || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    public static void Validate(string? name)
    {
        if (!IsValid(name))
        {
            var shown = name is null ? "(none)" : $"'{(name.Length > 80 ? name[..80] + "…" : name)}'";
            throw EngineException.InvalidArgument(
                $"collection name {shown} is invalid; accepted: 1..{EngineLimits.MaxNameLength} characters from " +
                "[A-Za-z0-9_-], starting with a letter or digit");
        }
    }
}
