// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace VectorStudio.Kube.Fake;

/// <summary>A failed request: becomes an HTTP status with a <c>metav1.Status</c> body, as the real server sends.</summary>
public sealed class FakeApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject ToStatus() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["details"] = details?.DeepClone(),
        ["code"] = Code,
    };

    public static FakeApiException NotFound(FakeKind kind, string name) =>
        new(404, "NotFound", $"{kind.Plural}.{kind.Group} \"{name}\" not found",
            new JsonObject { ["name"] = name, ["group"] = kind.Group, ["kind"] = kind.Plural });

    public static FakeApiException AlreadyExists(FakeKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.Plural}.{kind.Group} \"{name}\" already exists",
            new JsonObject { ["name"] = name, ["group"] = kind.Group, ["kind"] = kind.Plural });

    public static FakeApiException Conflict(FakeKind kind, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {kind.Plural}.{kind.Group} \"{name}\": {why}",
            new JsonObject { ["name"] = name, ["group"] = kind.Group, ["kind"] = kind.Plural });

    public static FakeApiException Invalid(FakeKind kind, string name, string field, string why) =>
        new(422, "Invalid", $"{kind.Kind} \"{name}\" is invalid: {field}: {why}",
            new JsonObject
            {
                ["name"] = name,
                ["group"] = kind.Group,
                ["kind"] = kind.Kind,
                ["causes"] = new JsonArray(new JsonObject
                {
                    ["reason"] = "FieldValueInvalid",
                    ["message"] = why,
                    ["field"] = field,
                }),
            });

    public static FakeApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static FakeApiException Gone(string message) => new(410, "Expired", message);
}
