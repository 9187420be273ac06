// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Cli;

return await VsctlApp.RunAsync(args, Console.Out, Console.Error);
