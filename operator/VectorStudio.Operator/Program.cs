// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Commands;

return CommandLine.Run(args, Console.Out, Console.Error);
