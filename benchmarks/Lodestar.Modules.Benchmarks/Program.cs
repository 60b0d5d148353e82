using BenchmarkDotNet.Running;

// Run one scenario:   dotnet run -c Release --project benchmarks/Lodestar.Modules.Benchmarks -- --filter '*Publish*' --job short
// Run every scenario: dotnet run -c Release --project benchmarks/Lodestar.Modules.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
