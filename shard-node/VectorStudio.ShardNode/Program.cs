// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.ShardNode;

return await NodeHost.RunAsync(args);
