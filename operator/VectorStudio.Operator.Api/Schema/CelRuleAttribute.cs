// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Api.Schema;

/// <summary>
/// A CEL validation rule the API server checks (<c>x-kubernetes-validations</c>). On a class it is
/// evaluated with <c>self</c> bound to that object; on a property, to the property's value. Rules
/// must stay cheap: the server rejects a CRD whose rules exceed its cost budget, so they compare
/// scalars and never iterate over unbounded lists.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;

    /// <summary>What the user sees when the rule fails: what to change.</summary>
    public string Message { get; } = message;
}
