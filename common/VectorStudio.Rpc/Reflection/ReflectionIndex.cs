// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf.Reflection;
using Grpc.Reflection.V1Alpha;

namespace VectorStudio.Rpc.Reflection;

/// <summary>
/// What reflection can tell about a set of services: their names, every .proto file they come
/// from (and its dependencies, transitively) and every symbol those files declare. Answers in the
/// v1alpha message types; v1 is the same protocol renamed and identical on the wire.
/// </summary>
internal sealed class ReflectionIndex
{
    private readonly List<string> _services = [];
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageDescriptor> _messages = new(StringComparer.Ordinal);

    public ReflectionIndex(IEnumerable<ServiceDescriptor> services)
    {
        foreach (var service in services)
        {
            if (!_services.Contains(service.FullName))
            {
                _services.Add(service.FullName);
            }

            AddFile(service.File);
        }
    }

    public IReadOnlyList<string> Services => _services;

    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                foreach (var name in _services)
                {
                    list.Service.Add(new ServiceResponse { Name = name });
                }

                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                var fileName = request.FileByFilename;
                AnswerFile(response, _files.GetValueOrDefault(fileName), $"File '{fileName}'");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                var symbol = request.FileContainingSymbol.TrimStart('.');
                AnswerFile(response, _symbols.GetValueOrDefault(symbol), $"Symbol '{symbol}'");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                // proto3 files declare no extensions, so no extension is ever found.
                var extension = request.FileContainingExtension;
                response.ErrorResponse = Error(
                    StatusCode.NotFound,
                    $"Extension {extension.ExtensionNumber} of '{extension.ContainingType}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                AnswerExtensionNumbers(response, request.AllExtensionNumbersOfType.TrimStart('.'));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.None:
            default:
                response.ErrorResponse = Error(StatusCode.InvalidArgument, "The request names no question.");
                break;
        }

        return response;
    }

    private static void AnswerFile(ServerReflectionResponse response, FileDescriptor? file, string what)
    {
        if (file is null)
        {
            response.ErrorResponse = Error(StatusCode.NotFound, $"{what} not found.");
            return;
        }

        // The file first, then everything it imports, each once: a client needs all of them to
        // rebuild the descriptors.
        var result = new FileDescriptorResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>();
        pending.Push(file);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next.Name))
            {
                continue;
            }

            result.FileDescriptorProto.Add(next.SerializedData);
            for (var i = next.Dependencies.Count - 1; i >= 0; i--)
            {
                pending.Push(next.Dependencies[i]);
            }
        }

        response.FileDescriptorResponse = result;
    }

    private void AnswerExtensionNumbers(ServerReflectionResponse response, string type)
    {
        // A known message has no extension numbers (proto3); an unknown one is NOT_FOUND, as in gRPC C++.
        if (!_messages.ContainsKey(type))
        {
            response.ErrorResponse = Error(StatusCode.NotFound, $"Message type '{type}' not found.");
            return;
        }

        response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = type };
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            _symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                _symbols.TryAdd(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            AddEnum(enumType, file);
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _symbols.TryAdd(message.FullName, file);
        _messages.TryAdd(message.FullName, message);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _symbols.TryAdd(field.FullName, file);
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            AddEnum(enumType, file);
        }
    }

    private void AddEnum(EnumDescriptor enumType, FileDescriptor file)
    {
        _symbols.TryAdd(enumType.FullName, file);
        foreach (var value in enumType.Values)
        {
            _symbols.TryAdd(value.FullName, file);
        }
    }

    private static ErrorResponse Error(StatusCode code, string message) =>
        new() { ErrorCode = (int)code, ErrorMessage = message };
}
