using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;
using Lodestar.Modules.Benchmarks;

// Run one scenario:   dotnet run -c Release --project benchmarks/Lodestar.Modules.Benchmarks -- --filter '*Publish*' --job short
// Run every scenario: dotnet run -c Release --project benchmarks/Lodestar.Modules.Benchmarks -- --filter '*' --job short
// Results (Markdown, CSV, HTML and JSON) land in BenchmarkDotNet.Artifacts/results.
// The paired analyzer-cost check, without BenchmarkDotNet (see PairedAnalyzerCostCheck):
//                     dotnet run -c Release --project benchmarks/Lodestar.Modules.Benchmarks -- paired-analyzer-cost [--rounds 12]
if (args is [PairedAnalyzerCostCheck.CommandName, .. var rest])
{
    return PairedAnalyzerCostCheck.Run(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, DefaultConfig.Instance.AddExporter(JsonExporter.Full));
return 0;
