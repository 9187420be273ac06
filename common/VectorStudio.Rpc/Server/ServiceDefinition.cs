// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Frozen;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using VectorStudio.Rpc.Server.Internal;

namespace VectorStudio.Rpc.Server;

/// <summary>
/// One service's methods bound to their handlers. Built with <see cref="CreateBuilder"/> from the
/// protobuf service descriptor, which also feeds server reflection.
/// </summary>
public sealed class ServiceDefinition
{
    private ServiceDefinition(ServiceDescriptor descriptor, FrozenDictionary<string, ServerMethodBinding> methods)
    {
        Descriptor = descriptor;
        Methods = methods;
    }

    public ServiceDescriptor Descriptor { get; }

    /// <summary>Bindings by full path (<c>/package.Service/Method</c>).</summary>
    public FrozenDictionary<string, ServerMethodBinding> Methods { get; }

    public static Builder CreateBuilder(ServiceDescriptor descriptor) => new(descriptor);

    /// <summary>Collects handlers; <see cref="Build"/> checks every method of the service has one.</summary>
    public sealed class Builder
    {
        private readonly ServiceDescriptor _descriptor;
        private readonly Dictionary<string, ServerMethodBinding> _methods = new(StringComparer.Ordinal);

        internal Builder(ServiceDescriptor descriptor) => _descriptor = descriptor;

        public Builder AddUnary<TRequest, TResponse>(string name, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse> =>
            Add(name, MethodType.Unary, handler, (Method<TRequest, TResponse> m) => new UnaryBinding<TRequest, TResponse>(m, handler));

        public Builder AddClientStreaming<TRequest, TResponse>(
            string name,
            ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse> =>
            Add(name, MethodType.ClientStreaming, handler, (Method<TRequest, TResponse> m) => new ClientStreamingBinding<TRequest, TResponse>(m, handler));

        public Builder AddServerStreaming<TRequest, TResponse>(
            string name,
            ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse> =>
            Add(name, MethodType.ServerStreaming, handler, (Method<TRequest, TResponse> m) => new ServerStreamingBinding<TRequest, TResponse>(m, handler));

        public Builder AddDuplexStreaming<TRequest, TResponse>(
            string name,
            DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse> =>
            Add(name, MethodType.DuplexStreaming, handler, (Method<TRequest, TResponse> m) => new DuplexStreamingBinding<TRequest, TResponse>(m, handler));

        /// <summary>
        /// Binds the handlers. Methods of the .proto left without a handler answer UNIMPLEMENTED,
        /// as with the official stacks.
        /// </summary>
        public ServiceDefinition Build() => new(_descriptor, _methods.ToFrozenDictionary(StringComparer.Ordinal));

        private Builder Add<TRequest, TResponse>(
            string name,
            MethodType expected,
            Delegate handler,
            Func<Method<TRequest, TResponse>, ServerMethodBinding> bind)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
        {
            ArgumentNullException.ThrowIfNull(handler);
            var method = Method<TRequest, TResponse>.Create(_descriptor, name);
            if (method.Type != expected)
            {
                throw new ArgumentException($"{method.FullName} is a {method.Type} method, not {expected}.", nameof(name));
            }

            if (!_methods.TryAdd(method.FullName, bind(method)))
            {
                throw new ArgumentException($"{method.FullName} already has a handler.", nameof(name));
            }

            return this;
        }
    }
}

/// <summary>A method bound to its handler: the dispatcher's unit of work.</summary>
public abstract class ServerMethodBinding
{
    public abstract string FullName { get; }

    public abstract MethodType Type { get; }

    /// <summary>The dispatcher's per-method call runner, typed to this binding's messages.</summary>
    internal abstract ServerCallHandler CreateHandler(GrpcServer server);
}

/// <summary>A bound unary method.</summary>
public sealed class UnaryBinding<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    UnaryServerMethod<TRequest, TResponse> handler) : ServerMethodBinding
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method<TRequest, TResponse> Method { get; } = method;

    public UnaryServerMethod<TRequest, TResponse> Handler { get; } = handler;

    public override string FullName => Method.FullName;

    public override MethodType Type => MethodType.Unary;

    internal override ServerCallHandler CreateHandler(GrpcServer server) =>
        new UnaryCallHandler<TRequest, TResponse>(server, this);
}

/// <summary>A bound client-streaming method.</summary>
public sealed class ClientStreamingBinding<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ClientStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodBinding
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method<TRequest, TResponse> Method { get; } = method;

    public ClientStreamingServerMethod<TRequest, TResponse> Handler { get; } = handler;

    public override string FullName => Method.FullName;

    public override MethodType Type => MethodType.ClientStreaming;

    internal override ServerCallHandler CreateHandler(GrpcServer server) =>
        new ClientStreamingCallHandler<TRequest, TResponse>(server, this);
}

/// <summary>A bound server-streaming method.</summary>
public sealed class ServerStreamingBinding<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodBinding
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method<TRequest, TResponse> Method { get; } = method;

    public ServerStreamingServerMethod<TRequest, TResponse> Handler { get; } = handler;

    public override string FullName => Method.FullName;

    public override MethodType Type => MethodType.ServerStreaming;

    internal override ServerCallHandler CreateHandler(GrpcServer server) =>
        new ServerStreamingCallHandler<TRequest, TResponse>(server, this);
}

/// <summary>A bound duplex-streaming method.</summary>
public sealed class DuplexStreamingBinding<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    DuplexStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodBinding
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method<TRequest, TResponse> Method { get; } = method;

    public DuplexStreamingServerMethod<TRequest, TResponse> Handler { get; } = handler;

    public override string FullName => Method.FullName;

    public override MethodType Type => MethodType.DuplexStreaming;

    internal override ServerCallHandler CreateHandler(GrpcServer server) =>
        new DuplexStreamingCallHandler<TRequest, TResponse>(server, this);
}
