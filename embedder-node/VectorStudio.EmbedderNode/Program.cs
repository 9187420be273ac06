// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.EmbedderNode;
using VectorStudio.Hosting;

return await EmbedderHost.RunAsync(args, (options, dir, device, logging) => throw new StartupException("the model runtime is not wired into the host yet"));
