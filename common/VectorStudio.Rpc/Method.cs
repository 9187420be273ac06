// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace VectorStudio.Rpc;

/// <summary>
/// Describes one RPC: its full name (<c>/package.Service/Method</c>), shape and message parsers.
/// Built from the protobuf <see cref="ServiceDescriptor"/> that protoc generates, so the request and
/// response types are checked against the .proto once, at start-up.
/// </summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private Method(MethodDescriptor descriptor, MethodType type)
    {
        Descriptor = descriptor;
        Type = type;
        ServiceName = descriptor.Service.FullName;
        Name = descriptor.Name;
        FullName = $"/{ServiceName}/{Name}";
        RequestParser = (MessageParser<TRequest>)descriptor.InputType.Parser;
        ResponseParser = (MessageParser<TResponse>)descriptor.OutputType.Parser;
    }

    public MethodDescriptor Descriptor { get; }

    public MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>vectorstudio.v1.Points</c>.</summary>
    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 path, e.g. <c>/vectorstudio.v1.Points/Search</c>.</summary>
    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; }

    public MessageParser<TResponse> ResponseParser { get; }

    /// <summary>Looks the method up by name and checks that its types and shape match.</summary>
    public static Method<TRequest, TResponse> Create(ServiceDescriptor service, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        var descriptor = service.FindMethodByName(name)
            ?? throw new ArgumentException($"Service {service.FullName} has no method {name}.", nameof(name));
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{service.FullName}/{name} takes {descriptor.InputType.ClrType?.Name} and returns "
                + $"{descriptor.OutputType.ClrType?.Name}, not {typeof(TRequest).Name} / {typeof(TResponse).Name}.");
        }

        var type = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
        return new Method<TRequest, TResponse>(descriptor, type);
    }

    public override string ToString() => FullName;
}
