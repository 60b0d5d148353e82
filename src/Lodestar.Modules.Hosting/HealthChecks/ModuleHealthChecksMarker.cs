namespace Lodestar.Modules.Hosting;

/// <summary>
/// Marks a service collection whose health checks already include the modules, so registering them twice
/// adds no second check; holds the extra tags of every call, which each module's check carries.
/// </summary>
internal sealed class ModuleHealthChecksMarker
{
    private readonly List<string> _tags = [];

    /// <summary>Adds tags not added yet, in order.</summary>
    public void AddTags(IEnumerable<string> tags)
    {
        lock (_tags)
        {
            foreach (var tag in tags)
            {
                if (!_tags.Contains(tag, StringComparer.Ordinal))
                {
                    _tags.Add(tag);
                }
            }
        }
    }

    /// <summary>Gets the tags added so far.</summary>
    public string[] Tags()
    {
        lock (_tags)
        {
            return [.. _tags];
        }
    }
}
