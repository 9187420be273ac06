// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.EmbedderNode;

return await EmbedderHost.RunAsync(args);
