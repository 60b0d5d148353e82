using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// The simple names of every concrete module class the compilation can see (its own and its
/// references'). LODE011 binds an identifier only when its text is one of these names, so a module's
/// method bodies are never bound just to learn that they reference no other module.
/// </summary>
internal sealed class ModuleTypeNames
{
    private readonly HashSet<string> _names;
    private readonly Dictionary<int, string[]> _byHash;

    private ModuleTypeNames(HashSet<string> names)
    {
        _names = names;
        var byHash = new Dictionary<int, List<string>>();
        foreach (var name in names)
        {
            var hash = Hash(name, 0, name.Length);
            if (!byHash.TryGetValue(hash, out var list))
            {
                byHash[hash] = list = [];
            }

            list.Add(name);
        }

        _byHash = new Dictionary<int, string[]>(byHash.Count);
        foreach (var pair in byHash)
        {
            _byHash[pair.Key] = [.. pair.Value];
        }
    }

    public bool Contains(string name) => _names.Contains(name);

    /// <summary>Whether the characters <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> of <paramref name="text"/> spell a module class name, without allocating a string.</summary>
    public bool Contains(char[] text, int start, int length)
    {
        if (!_byHash.TryGetValue(Hash(text, start, length), out var candidates))
        {
            return false;
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Length == length && SameChars(candidate, text, start))
            {
                return true;
            }
        }

        return false;
    }

    public static ModuleTypeNames Create(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Visit(compilation.Assembly.GlobalNamespace, names, cancellationToken);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name != KnownTypes.AssemblyName && KnownTypes.ReferencesSdk(assembly))
            {
                Visit(assembly.GlobalNamespace, names, cancellationToken);
            }
        }

        return new ModuleTypeNames(names);
    }

    /// <summary>Whether <paramref name="text"/> holds the characters of <paramref name="name"/> from <paramref name="start"/> on.</summary>
    public static bool SameChars(string name, char[] text, int start)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != text[start + i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// FNV-1a over UTF-16 code units: the same on every machine and run (unlike <see cref="string.GetHashCode()"/>),
    /// and the same for a string and for the same characters in an array. The generator names assemblies with it too.
    /// </summary>
    internal static uint Fnv1a(string text, int start, int length)
    {
        var hash = 2166136261u;
        for (var i = start; i < start + length; i++)
        {
            hash = unchecked((hash ^ text[i]) * 16777619u);
        }

        return hash;
    }

    private static int Hash(string text, int start, int length) => unchecked((int)Fnv1a(text, start, length));

    private static int Hash(char[] text, int start, int length)
    {
        var hash = 2166136261u;
        for (var i = start; i < start + length; i++)
        {
            hash = unchecked((hash ^ text[i]) * 16777619u);
        }

        return unchecked((int)hash);
    }

    private static void Visit(INamespaceSymbol @namespace, HashSet<string> names, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var member in @namespace.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                Visit(child, names, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                Visit(type, names);
            }
        }
    }

    /// <summary>
    /// Visits a type and the types nested in it. <see cref="INamespaceOrTypeSymbol.GetTypeMembers()"/>
    /// reads only the nested types; <c>GetMembers()</c> would build every method, property and field
    /// of every type in the compilation just to find them.
    /// </summary>
    private static void Visit(INamedTypeSymbol type, HashSet<string> names)
    {
        if (KnownTypes.IsConcreteModule(type))
        {
            names.Add(type.Name);
        }

        foreach (var nested in type.GetTypeMembers())
        {
            Visit(nested, names);
        }
    }
}
