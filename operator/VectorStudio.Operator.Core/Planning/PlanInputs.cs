// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// Values the planner needs but must not make itself, so that it stays a pure function: the
/// controller draws them (from a cryptographic RNG) and passes them in.
/// </summary>
/// <param name="NewAuthToken">Token for a generated auth Secret; used only when none exists yet.</param>
public sealed record PlanInputs(string NewAuthToken);
