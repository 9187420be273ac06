// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Commands;

return await CommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
