// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

// Entry point placeholder until the host is wired up; exits with a usage error.
await Console.Error.WriteLineAsync("not wired up yet").ConfigureAwait(false);
return 2;
