// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Storage;

/// <summary>A collection's vector store: the reader its indexes use and the writer its upserts use.</summary>
internal interface IVectorStorage : IVectorStorageReader, IVectorStorageWriter
{
}
