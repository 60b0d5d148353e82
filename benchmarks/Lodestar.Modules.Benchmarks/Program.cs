using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;

// Run one scenario:   dotnet run -c Release --project benchmarks/Lodestar.Modules.Benchmarks -- --filter '*Publish*' --job short
// Run every scenario: dotnet run -c Release --project benchmarks/Lodestar.Modules.Benchmarks -- --filter '*' --job short
// Results (Markdown, CSV, HTML and JSON) land in BenchmarkDotNet.Artifacts/results.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, DefaultConfig.Instance.AddExporter(JsonExporter.Full));
