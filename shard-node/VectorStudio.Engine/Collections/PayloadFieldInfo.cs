// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Payload;

namespace VectorStudio.Engine.Collections;

/// <summary>A payload field, the type its values have, and whether a payload index serves it.</summary>
public sealed record PayloadFieldInfo(string Key, PayloadFieldType Type, bool Indexed);
