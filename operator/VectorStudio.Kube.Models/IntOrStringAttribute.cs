// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models;

/// <summary>
/// Marks a string (or a map of strings) that Kubernetes accepts as a number or a string, such as a
/// resource quantity (<c>2</c>, <c>500m</c>, <c>4Gi</c>). Schema generators emit
/// <c>x-kubernetes-int-or-string: true</c> for it; the value is read with
/// <see cref="IntOrStringConverter"/> or <see cref="IntOrStringDictionaryConverter"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IntOrStringAttribute : Attribute;
