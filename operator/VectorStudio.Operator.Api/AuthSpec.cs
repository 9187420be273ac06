// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace VectorStudio.Operator.Api;

/// <summary>Client authentication.</summary>
public sealed class AuthSpec
{
    [Description("Name of a Secret in the cluster's namespace whose key 'token' holds the API token. "
        + "Unset: the operator creates '<cluster>-auth' with a random token.")]
    [RegularExpression(VectorClusterDefaults.DnsSubdomainPattern)]
    [MaxLength(253)]
    public string? SecretName { get; set; }
}
