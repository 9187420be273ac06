// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Search;

/// <summary>Orders slots by their points' ids, to break ties between equal scores.</summary>
internal interface ISlotOrder
{
    /// <summary>Negative when slot <paramref name="a"/>'s id sorts before slot <paramref name="b"/>'s.</summary>
    int CompareIds(int a, int b);
}
