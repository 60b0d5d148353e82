using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// The checks that need every module the compilation can see: duplicate ids (LODE005), unknown
/// dependencies (LODE006) and cycles (LODE007). Only modules declared in the compilation's own code
/// get diagnostics; those in references or in generated code are context.
/// </summary>
internal static class ModuleGraphChecker
{
    public static void Check(IReadOnlyList<GraphModule> sourceModules, IReadOnlyList<GraphModule> contextModules, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var all = new List<GraphModule>(sourceModules.Count + contextModules.Count);
        all.AddRange(sourceModules.OrderBy(m => m.TypeName, StringComparer.Ordinal));
        all.AddRange(contextModules.OrderBy(m => m.TypeName, StringComparer.Ordinal));

        var byId = new Dictionary<string, List<GraphModule>>(StringComparer.Ordinal);
        foreach (var module in all)
        {
            if (!byId.TryGetValue(module.Id, out var declarers))
            {
                byId[module.Id] = declarers = [];
            }

            declarers.Add(module);
        }

        ReportDuplicates(sourceModules, byId, report);
        ReportUnknownDependencies(sourceModules, byId, report);
        cancellationToken.ThrowIfCancellationRequested();
        ReportCycles(sourceModules, BuildEdges(byId), report, cancellationToken);
    }

    private static void ReportDuplicates(IReadOnlyList<GraphModule> sourceModules, Dictionary<string, List<GraphModule>> byId, Action<Diagnostic> report)
    {
        foreach (var module in sourceModules)
        {
            foreach (var other in byId[module.Id])
            {
                if (!ReferenceEquals(other, module))
                {
                    report(Diagnostic.Create(Rules.DuplicateId, module.IdLocation, module.Id, module.TypeName, other.TypeName));
                    break;
                }
            }
        }
    }

    private static void ReportUnknownDependencies(IReadOnlyList<GraphModule> sourceModules, Dictionary<string, List<GraphModule>> byId, Action<Diagnostic> report)
    {
        foreach (var module in sourceModules)
        {
            foreach (var dependency in module.Dependencies)
            {
                if (!byId.ContainsKey(dependency.Id))
                {
                    report(Diagnostic.Create(Rules.UnknownDependency, dependency.Location, module.Id, dependency.Id));
                }
            }
        }
    }

    /// <summary>Edges by id, each list sorted and distinct, only to ids some module declares. Optional edges count: the runtime orders start-up by them too.</summary>
    private static Dictionary<string, List<string>> BuildEdges(Dictionary<string, List<GraphModule>> byId)
    {
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in byId)
        {
            var targets = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var module in pair.Value)
            {
                foreach (var dependency in module.Dependencies)
                {
                    if (byId.ContainsKey(dependency.Id))
                    {
                        targets.Add(dependency.Id);
                    }
                }
            }

            edges[pair.Key] = [.. targets];
        }

        return edges;
    }

    private static void ReportCycles(IReadOnlyList<GraphModule> sourceModules, Dictionary<string, List<string>> edges, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var cyclic = NodesOnOrBeforeCycles(edges);
        if (cyclic.Count == 0)
        {
            return;
        }

        foreach (var module in sourceModules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!cyclic.Contains(module.Id) || ShortestCycle(module.Id, edges, cyclic) is not { } cycle)
            {
                continue;
            }

            var location = module.IdLocation;
            foreach (var dependency in module.Dependencies)
            {
                if (dependency.Id == cycle[1])
                {
                    location = dependency.Location;
                    break;
                }
            }

            report(Diagnostic.Create(Rules.DependencyCycle, location, module.Id, string.Join(" -> ", cycle)));
        }
    }

    /// <summary>Peels off every module that depends on nothing left; what remains is on a cycle or leads into one.</summary>
    private static HashSet<string> NodesOnOrBeforeCycles(Dictionary<string, List<string>> edges)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in edges)
        {
            remaining[pair.Key] = pair.Value.Count;
            foreach (var target in pair.Value)
            {
                if (!dependents.TryGetValue(target, out var list))
                {
                    dependents[target] = list = [];
                }

                list.Add(pair.Key);
            }
        }

        var ready = new Queue<string>(remaining.Where(p => p.Value == 0).Select(p => p.Key));
        var left = new HashSet<string>(edges.Keys, StringComparer.Ordinal);
        while (ready.Count > 0)
        {
            var done = ready.Dequeue();
            left.Remove(done);
            if (dependents.TryGetValue(done, out var list))
            {
                foreach (var dependent in list)
                {
                    if (--remaining[dependent] == 0)
                    {
                        ready.Enqueue(dependent);
                    }
                }
            }
        }

        return left;
    }

    /// <summary>The shortest path from <paramref name="start"/> back to itself, closed (<c>a, b, a</c>), or <see langword="null"/>.</summary>
    private static List<string>? ShortestCycle(string start, Dictionary<string, List<string>> edges, HashSet<string> candidates)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var target in edges[node])
            {
                if (!candidates.Contains(target))
                {
                    continue;
                }

                if (target == start)
                {
                    var path = new List<string> { start };
                    for (var step = node; step != start; step = previous[step])
                    {
                        path.Add(step);
                    }

                    path.Add(start);
                    path.Reverse();
                    return path;
                }

                if (!previous.ContainsKey(target))
                {
                    previous[target] = node;
                    queue.Enqueue(target);
                }
            }
        }

        return null;
    }
}
