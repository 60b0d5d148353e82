using System.Globalization;
using System.Reflection;
using System.Text;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// The compilation the analyzer-cost benchmarks compile: <see cref="Count"/> module classes, each in
/// its own file with options, an event record, a service, every module attribute (dependencies,
/// an optional dependency, a capability, health-check and shutdown timeouts) and method bodies,
/// plus the assemblies they reference. Shared so the in-memory and the command-line benchmarks
/// compile exactly the same code.
/// </summary>
internal static class BenchmarkModules
{
    /// <summary>The number of modules in the compilation.</summary>
    public const int Count = 500;

    /// <summary>The assembly name of the compilation.</summary>
    public const string AssemblyName = "Benchmark.Modules";

    /// <summary>The file name of module <paramref name="i"/>'s source.</summary>
    public static string FileName(int i) => string.Create(CultureInfo.InvariantCulture, $"Module{i}.cs");

    /// <summary>
    /// The paths of the assemblies the compilation references: the running runtime's own assemblies
    /// and the SDK's <c>Lodestar.Modules</c> with the assemblies it references, sorted.
    /// </summary>
    public static IReadOnlyList<string> ReferencePaths()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            if (string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
            {
                paths.Add(path);
            }
        }

        var sdk = typeof(LodestarModule).Assembly;
        paths.Add(sdk.Location);
        foreach (var name in sdk.GetReferencedAssemblies())
        {
            var location = Assembly.Load(name).Location;
            if (location.Length > 0)
            {
                paths.Add(location);
            }
        }

        return [.. paths];
    }

    /// <summary>The source of module <paramref name="i"/>: it depends on the one before, optionally on the one before that.</summary>
    public static string Source(int i)
    {
        var attributes = new StringBuilder();
        if (i > 0)
        {
            attributes.Append(CultureInfo.InvariantCulture, $"[DependsOn(\"module-{i - 1}\")]\n");
        }

        if (i > 1)
        {
            attributes.Append(CultureInfo.InvariantCulture, $"[DependsOn(\"module-{i - 2}\", Optional = true)]\n");
            attributes.Append(CultureInfo.InvariantCulture, $"[Capability(\"report-{i}\", Requires = [\"module-{i - 2}\"])]\n");
        }

        return string.Create(CultureInfo.InvariantCulture, $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Lodestar.Modules;
            using Lodestar.Results;
            using Microsoft.Extensions.DependencyInjection;

            namespace Benchmark.Modules.M{{i}};

            public sealed class Module{{i}}Options
            {
                public int Size { get; set; } = {{i % 50}};

                public string Name { get; set; } = "module-{{i}}";
            }

            public sealed record Module{{i}}Event(int Value, string Source);

            public sealed class Module{{i}}Service
            {
                private readonly List<Module{{i}}Event> _events = [];

                public int Count => _events.Count;

                public void Add(Module{{i}}Event value) => _events.Add(value);
            }

            [Module("module-{{i}}", "1.{{i % 10}}.0", Description = "Benchmark module {{i}}")]
            {{attributes}}[HealthCheck(IntervalSeconds = 30, TimeoutSeconds = 5)]
            [Shutdown(GracefulSeconds = 10, ForceSeconds = 2)]
            public sealed class Module{{i}} : LodestarModule<Module{{i}}Options>
            {
                private readonly Module{{i}}Service _service = new();
                private int _total;

                public override void ConfigureServices(IServiceCollection services) => services.AddSingleton(_service);

                protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
                {
                    var total = 0;
                    for (var j = 0; j < Options.Size; j++)
                    {
                        total += j * 3 % 7;
                    }

                    _total = total + Compute(total);
                    _service.Add(new Module{{i}}Event(_total, context.ModuleId));
                    return new(_total >= 0 ? Result.Success() : Result.Failure(Error.Validation("module.{{i}}.negative", "Negative total")));
                }

                protected override ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken)
                {
                    _total = 0;
                    return default;
                }

                private static int Compute(int value) => value switch
                {
                    < 10 => value,
                    < 100 => value / 2,
                    _ => string.Concat("x", value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Length,
                };
            }
            """);
    }
}
