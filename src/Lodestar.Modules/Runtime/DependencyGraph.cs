using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// The modules' dependency graph, checked once: duplicate ids, unknown required ids and cycles are
/// errors; the rest is sorted into topological layers (a layer depends only on earlier layers).
/// </summary>
internal sealed class DependencyGraph
{
    private DependencyGraph(int[][] layers, int[][] required, int[][] requiredDependents)
    {
        Layers = layers;
        Required = required;
        RequiredDependents = requiredDependents;
    }

    /// <summary>Gets module indexes by layer; within a layer, in registration order.</summary>
    public int[][] Layers { get; }

    /// <summary>Gets, per module index, the indexes of its required dependencies.</summary>
    public int[][] Required { get; }

    /// <summary>Gets, per module index, the indexes of the modules that require it.</summary>
    public int[][] RequiredDependents { get; }

    public static Result<DependencyGraph> Build(IReadOnlyList<ModuleManifest> manifests)
    {
        var problems = new List<Error>();
        var indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < manifests.Count; i++)
        {
            var manifest = manifests[i];
            if (!indexById.TryAdd(manifest.Id, i))
            {
                var first = manifests[indexById[manifest.Id]];
                problems.Add(Error.Validation(
                    "module.graph.duplicate-id",
                    $"Module id '{manifest.Id}' is declared by both '{first.ModuleType.FullName}' and '{manifest.ModuleType.FullName}'. Give each module its own id, or register only one of them.",
                    new Dictionary<string, string> { ["moduleId"] = manifest.Id }));
            }
        }

        var count = manifests.Count;
        var edges = new List<int>[count];
        var required = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            edges[i] = [];
            required[i] = [];
            foreach (var dependency in manifests[i].Dependencies)
            {
                if (indexById.TryGetValue(dependency.Id, out var target))
                {
                    edges[i].Add(target);
                    if (!dependency.Optional)
                    {
                        required[i].Add(target);
                    }
                }
                else if (!dependency.Optional)
                {
                    problems.Add(Error.Validation(
                        "module.graph.unknown-dependency",
                        $"Module '{manifests[i].Id}' requires '{dependency.Id}', but no module with that id is registered. Register it with AddModule<T>(), or declare [DependsOn(\"{dependency.Id}\", Optional = true)].",
                        new Dictionary<string, string> { ["moduleId"] = manifests[i].Id, ["dependencyId"] = dependency.Id }));
                }
            }
        }

        if (problems.Count > 0)
        {
            return Combine(problems);
        }

        var layers = SortIntoLayers(edges, out var cyclic);
        if (cyclic is not null)
        {
            var path = string.Join(" -> ", FindCycle(edges, cyclic).Select(i => manifests[i].Id));
            return Error.Validation(
                "module.graph.cycle",
                $"Modules depend on each other in a cycle: {path}. Optional dependencies order start-up too, so remove one [DependsOn] of the cycle or move the shared part into a module of its own.",
                new Dictionary<string, string> { ["cycle"] = path });
        }

        var dependents = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            dependents[i] = [];
        }

        for (var i = 0; i < count; i++)
        {
            foreach (var target in required[i])
            {
                dependents[target].Add(i);
            }
        }

        return new DependencyGraph(layers, ToArrays(required), ToArrays(dependents));
    }

    private static int[][] SortIntoLayers(List<int>[] edges, out HashSet<int>? cyclic)
    {
        var count = edges.Length;
        var remaining = new int[count];
        var dependents = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            dependents[i] = [];
        }

        for (var i = 0; i < count; i++)
        {
            remaining[i] = edges[i].Count;
            foreach (var target in edges[i])
            {
                dependents[target].Add(i);
            }
        }

        var layers = new List<int[]>();
        var current = new List<int>();
        for (var i = 0; i < count; i++)
        {
            if (remaining[i] == 0)
            {
                current.Add(i);
            }
        }

        var placed = 0;
        while (current.Count > 0)
        {
            current.Sort();
            layers.Add([.. current]);
            placed += current.Count;
            var next = new List<int>();
            foreach (var done in current)
            {
                foreach (var dependent in dependents[done])
                {
                    if (--remaining[dependent] == 0)
                    {
                        next.Add(dependent);
                    }
                }
            }

            current = next;
        }

        cyclic = null;
        if (placed < count)
        {
            cyclic = [];
            for (var i = 0; i < count; i++)
            {
                if (remaining[i] > 0)
                {
                    cyclic.Add(i);
                }
            }
        }

        return [.. layers];
    }

    /// <summary>Walks from the lowest unplaced module along unplaced dependencies until a module repeats; returns that loop, closed.</summary>
    private static List<int> FindCycle(List<int>[] edges, HashSet<int> unplaced)
    {
        var start = unplaced.Min();
        var path = new List<int>();
        var positions = new Dictionary<int, int>();
        var node = start;
        while (!positions.ContainsKey(node))
        {
            positions[node] = path.Count;
            path.Add(node);
            node = edges[node].First(unplaced.Contains);
        }

        var cycle = path.GetRange(positions[node], path.Count - positions[node]);
        cycle.Add(node);
        return cycle;
    }

    private static Error Combine(List<Error> problems)
    {
        if (problems.Count == 1)
        {
            return problems[0];
        }

        var details = new Dictionary<string, string>();
        for (var i = 0; i < problems.Count; i++)
        {
            details[$"problem.{i + 1}"] = problems[i].Code + ": " + problems[i].Message;
        }

        return Error.Validation(
            "module.graph.invalid",
            $"The module graph has {problems.Count} problems: " + string.Join(" ", problems.Select((p, i) => $"{i + 1}) {p.Message}")),
            details);
    }

    private static int[][] ToArrays(List<int>[] lists)
    {
        var arrays = new int[lists.Length][];
        for (var i = 0; i < lists.Length; i++)
        {
            arrays[i] = [.. lists[i]];
        }

        return arrays;
    }
}
