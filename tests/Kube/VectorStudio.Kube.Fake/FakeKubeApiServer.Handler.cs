// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace VectorStudio.Kube.Fake;

/// <summary>Routing and the HTTP side: URL → kind/namespace/name, verb → store call, errors → Status bodies.</summary>
public sealed partial class FakeKubeApiServer
{
    private async Task HandleAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        var pathAndQuery = request.Path + request.QueryString;
        var auth = request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
        var record = new FakeRequest(request.Method, pathAndQuery, token, request.ContentType);
        Requests.Enqueue(record);
        try
        {
            if (Faults.TryTake(record) is { } fault)
            {
                throw fault;
            }

            Authenticate(ctx, token);
            await DispatchAsync(ctx).ConfigureAwait(false);
        }
        catch (FakeApiException ex)
        {
            await WriteAsync(ctx, ex.Code, ex.ToStatus()).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await WriteAsync(ctx, 400, FakeApiException.BadRequest($"the body is not valid JSON: {ex.Message}").ToStatus())
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !ctx.Response.HasStarted)
        {
            // A fake-server bug must show up in the failing test's message, not as a bare 500.
            await WriteAsync(ctx, 500, new FakeApiException(500, "InternalError", $"fake server error: {ex}").ToStatus())
                .ConfigureAwait(false);
        }
    }

    private void Authenticate(HttpContext ctx, string? token)
    {
        var tokens = _validTokens;
        var certificateOk = !_options.RequireClientCertificate || ctx.Connection.ClientCertificate is not null;
        if ((tokens is not null && (token is null || !tokens.Contains(token))) || !certificateOk)
        {
            throw new FakeApiException(401, "Unauthorized", "Unauthorized");
        }
    }

    private async Task DispatchAsync(HttpContext ctx)
    {
        var (kind, ns, name, sub) = Route(ctx.Request.Path.Value ?? "");
        var query = ctx.Request.Query;
        var status = sub == "status";
        switch (ctx.Request.Method)
        {
            case "GET" when name is null && IsTrue(query["watch"]):
                await WatchAsync(ctx, kind, ns).ConfigureAwait(false);
                return;
            case "GET" when name is null:
                var limit = int.TryParse(query["limit"], out var l) ? l : (int?)null;
                await WriteAsync(ctx, 200, Store.List(kind, ns, LabelSelector.Parse(query["labelSelector"]),
                    query["fieldSelector"], limit, query["continue"])).ConfigureAwait(false);
                return;
            case "GET":
                await WriteAsync(ctx, 200, Store.Get(kind, ns, name)).ConfigureAwait(false);
                return;
            case "POST" when name is null:
                await WriteAsync(ctx, 201, Store.Create(kind, ns, await ReadObjectAsync(ctx).ConfigureAwait(false)))
                    .ConfigureAwait(false);
                return;
            case "PUT" when name is not null:
                var body = await ReadObjectAsync(ctx).ConfigureAwait(false);
                await WriteAsync(ctx, 200, Store.Update(kind, ns, name, body, status)).ConfigureAwait(false);
                return;
            case "PATCH" when name is not null:
                await WriteAsync(ctx, 200, await PatchAsync(ctx, kind, ns, name, status).ConfigureAwait(false))
                    .ConfigureAwait(false);
                return;
            case "DELETE" when name is not null && sub is null:
                var options = ctx.Request.ContentLength is > 0 || ctx.Request.Headers.TransferEncoding.Count > 0
                    ? await ReadObjectAsync(ctx).ConfigureAwait(false)
                    : [];
                var propagation = options["propagationPolicy"]?.GetValue<string>() ?? query["propagationPolicy"].ToString();
                var precondition = options["preconditions"]?["resourceVersion"]?.GetValue<string>();
                var deleted = Store.Delete(kind, ns, name, string.IsNullOrEmpty(propagation) ? "Background" : propagation, precondition);
                await WriteAsync(ctx, 200, deleted).ConfigureAwait(false);
                return;
            default:
                throw new FakeApiException(405, "MethodNotAllowed",
                    $"the server does not allow this method on the requested resource ({ctx.Request.Method} {ctx.Request.Path})");
        }
    }

    private async Task<JsonObject> PatchAsync(HttpContext ctx, FakeKind kind, string? ns, string name, bool status)
    {
        var type = ctx.Request.ContentType?.Split(';')[0].Trim();
        var body = await ReadObjectAsync(ctx).ConfigureAwait(false);
        return type switch
        {
            "application/merge-patch+json" => Store.Patch(kind, ns, name, body, status),
            "application/apply-patch+yaml" => Store.Apply(kind, ns, name, body, ctx.Request.Query["fieldManager"], status),
            _ => throw new FakeApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: "
                + $"application/merge-patch+json, application/apply-patch+yaml (got {type})"),
        };
    }

    private (FakeKind Kind, string? Namespace, string? Name, string? Sub) Route(string path)
    {
        var segs = path.Trim('/').Split('/');
        string group;
        string version;
        string[] rest;
        if (segs.Length >= 3 && segs[0] == "api")
        {
            (group, version, rest) = ("", segs[1], segs[2..]);
        }
        else if (segs.Length >= 4 && segs[0] == "apis")
        {
            (group, version, rest) = (segs[1], segs[2], segs[3..]);
        }
        else
        {
            throw NotFoundPath(path);
        }

        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces" && Store.Find(group, version, rest[2]) is { Namespaced: true })
        {
            ns = Uri.UnescapeDataString(rest[1]);
            rest = rest[2..];
        }

        var kind = Store.Find(group, version, rest[0]);
        if (kind is null || rest.Length > 3 || (rest.Length == 3 && rest[2] != "status") || (kind.Namespaced && ns is null && rest.Length > 1))
        {
            throw NotFoundPath(path);
        }

        return (kind, ns, rest.Length > 1 ? Uri.UnescapeDataString(rest[1]) : null, rest.Length > 2 ? rest[2] : null);
    }

    private static FakeApiException NotFoundPath(string path) =>
        new(404, "NotFound", $"the server could not find the requested resource ({path})");

    private static bool IsTrue(string? value) => value is "1" or "true";

    private static async Task<JsonObject> ReadObjectAsync(HttpContext ctx)
    {
        var node = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        return node as JsonObject ?? throw FakeApiException.BadRequest("the body must be a JSON object");
    }

    private static async Task WriteAsync(HttpContext ctx, int code, JsonObject body)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, ctx.RequestAborted).ConfigureAwait(false);
    }
}
