// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using VectorStudio.Interop.Server;
using VectorStudio.Rpc.Health;
using VectorStudio.Rpc.Reflection;
using VectorStudio.Rpc.Server;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

// Usage: VectorStudio.Interop.Server [--port N] [--tls-cert file.pfx [--tls-password P]]
//        [--response-compression gzip] [--max-receive-size BYTES]
var options = new GrpcServerHostOptions();
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port":
            options.Port = int.Parse(Required(args[i], value), CultureInfo.InvariantCulture);
            i++;
            break;
        case "--tls-cert":
            var at = Array.IndexOf(args, "--tls-password");
            var password = at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
            options.Certificate = X509CertificateLoader.LoadPkcs12FromFile(Required(args[i], value), password);
            i++;
            break;
        case "--tls-password":
            i++;
            break;
        case "--response-compression":
            options.Server.ResponseCompressionAlgorithm = Required(args[i], value);
            i++;
            break;
        case "--max-receive-size":
            options.Server.MaxReceiveMessageSize = int.Parse(Required(args[i], value), CultureInfo.InvariantCulture);
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown argument '{args[i]}'");
            return 2;
    }
}

var health = new HealthService();
var interop = new InteropTestService(health, TimeProvider.System);
var services = ReflectionService.AddTo([interop.CreateDefinition(), health.CreateDefinition()]);
health.SetStatus("vectorstudio.testing.v1.InteropTest", ServingStatus.Serving);

var stop = new TaskCompletionSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

await using var host = await GrpcServerHost.StartAsync(options, services);
Console.WriteLine($"listening on port {host.Port}");
Console.Out.Flush();
await stop.Task;
health.EnterNotServing();
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

static string Required(string flag, string? value) =>
    value ?? throw new ArgumentException($"{flag} needs a value.");
