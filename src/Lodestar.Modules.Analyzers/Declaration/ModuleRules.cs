using System.Text;
using System.Text.RegularExpressions;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// The id, version and timeout rules of <c>ModuleManifest.Create</c>, plus the nearest valid value for a
/// wrong one (what the code fixes write).
/// </summary>
internal static class ModuleRules
{
    /// <summary>The default version the fixes write.</summary>
    public const string DefaultVersion = "1.0.0";

    // The runtime's patterns (ModuleDeclarationRules), anchored with \z instead of $ so a trailing
    // line feed is not accepted either.
    private static readonly Regex IdPattern = new(
        @"^[a-z][a-z0-9]*([.-][a-z0-9]+)*\z",
        RegexOptions.CultureInvariant);

    private static readonly Regex SemVerPattern = new(
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z",
        RegexOptions.CultureInvariant);

    public static bool IsValidId(string? id) => id is not null && IdPattern.IsMatch(id);

    public static bool IsValidVersion(string? version) => version is not null && SemVerPattern.IsMatch(version);

    /// <summary>The longest interval or timeout in seconds (int.MaxValue milliseconds, about 24.8 days), as in the runtime's rules.</summary>
    public const int MaxTimeoutSeconds = int.MaxValue / 1000;

    /// <summary>Whether a timer can wait <paramref name="seconds"/>: positive and at most <see cref="MaxTimeoutSeconds"/>.</summary>
    public static bool IsWaitable(int seconds) => seconds is > 0 and <= MaxTimeoutSeconds;

    /// <summary>
    /// Turns a class name into a module id: drops a trailing <c>Module</c> and kebab-cases the rest
    /// (<c>UsageTrackerModule</c> becomes <c>usage-tracker</c>).
    /// </summary>
    public static string IdFromClassName(string className)
    {
        const string Suffix = "Module";
        var name = className.Length > Suffix.Length && className.EndsWith(Suffix, StringComparison.Ordinal)
            ? className.Substring(0, className.Length - Suffix.Length)
            : className;
        return SuggestId(name);
    }

    /// <summary>
    /// Turns a class name into a one-line description placeholder that reads as a phrase
    /// (<c>UsageTrackerModule</c> becomes <c>Usage tracker</c>).
    /// </summary>
    public static string DescriptionFromClassName(string className)
    {
        var words = IdFromClassName(className).Replace('.', ' ').Replace('-', ' ');
        return words.Length == 0 ? "Module" : char.ToUpperInvariant(words[0]) + words.Substring(1);
    }

    /// <summary>
    /// The valid id nearest to <paramref name="raw"/>: lower-cased, words split at case changes and at
    /// any character that is not a letter or digit, leading digits dropped. Never returns an invalid id.
    /// </summary>
    public static string SuggestId(string? raw)
    {
        if (raw is null)
        {
            return "module";
        }

        var text = new StringBuilder(raw.Length + 4);
        var separator = '\0';
        var previous = CharKind.None;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            var kind = Classify(c);
            if (kind == CharKind.None)
            {
                if (text.Length > 0 && separator != '.')
                {
                    separator = c == '.' ? '.' : '-';
                }

                previous = CharKind.None;
                continue;
            }

            if (kind == CharKind.Upper && text.Length > 0 && separator == '\0')
            {
                var next = i + 1 < raw.Length ? Classify(raw[i + 1]) : CharKind.None;
                if (previous is CharKind.Lower or CharKind.Digit || (previous == CharKind.Upper && next == CharKind.Lower))
                {
                    separator = '-';
                }
            }

            if (text.Length == 0 && kind == CharKind.Digit)
            {
                previous = kind;
                continue; // an id starts with a letter
            }

            if (separator != '\0')
            {
                text.Append(separator);
                separator = '\0';
            }

            text.Append(kind == CharKind.Upper ? (char)(c + ('a' - 'A')) : c);
            previous = kind;
        }

        var id = text.ToString();
        return IsValidId(id) ? id : "module";
    }

    /// <summary>
    /// The valid SemVer 2.0 version nearest to <paramref name="raw"/>: a leading <c>v</c> dropped,
    /// missing parts filled with zero (<c>1.2</c> becomes <c>1.2.0</c>), extra parts dropped, leading
    /// zeros removed, invalid pre-release and build characters replaced by <c>-</c>.
    /// </summary>
    public static string SuggestVersion(string? raw)
    {
        var text = raw?.Trim() ?? string.Empty;
        if (text.Length > 0 && (text[0] == 'v' || text[0] == 'V'))
        {
            text = text.Substring(1);
        }

        string? build = null;
        var plus = text.IndexOf('+');
        if (plus >= 0)
        {
            build = text.Substring(plus + 1);
            text = text.Substring(0, plus);
        }

        string? prerelease = null;
        var dash = text.IndexOf('-');
        if (dash >= 0)
        {
            prerelease = text.Substring(dash + 1);
            text = text.Substring(0, dash);
        }

        var numbers = new List<string>(3);
        foreach (var part in text.Split('.'))
        {
            var digits = 0;
            while (digits < part.Length && IsAsciiDigit(part[digits]))
            {
                digits++;
            }

            if (digits == 0)
            {
                break;
            }

            var number = part.Substring(0, digits).TrimStart('0');
            numbers.Add(number.Length == 0 ? "0" : number);
            if (digits < part.Length)
            {
                // "1.0.0beta" reads as "1.0.0-beta".
                prerelease ??= part.Substring(digits);
                break;
            }
        }

        if (numbers.Count == 0)
        {
            numbers.Add("1");
        }

        while (numbers.Count < 3)
        {
            numbers.Add("0");
        }

        var version = new StringBuilder();
        version.Append(numbers[0]).Append('.').Append(numbers[1]).Append('.').Append(numbers[2]);
        AppendIdentifiers(version, '-', prerelease, trimNumericZeros: true);
        AppendIdentifiers(version, '+', build, trimNumericZeros: false);
        var suggestion = version.ToString();
        return IsValidVersion(suggestion) ? suggestion : DefaultVersion;
    }

    private static void AppendIdentifiers(StringBuilder version, char prefix, string? identifiers, bool trimNumericZeros)
    {
        if (identifiers is null)
        {
            return;
        }

        var first = true;
        foreach (var raw in identifiers.Split('.'))
        {
            var identifier = new StringBuilder(raw.Length);
            var numeric = true;
            foreach (var c in raw)
            {
                var valid = IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
                identifier.Append(valid ? c : '-');
                numeric &= IsAsciiDigit(c);
            }

            if (identifier.Length == 0)
            {
                continue;
            }

            var value = identifier.ToString();
            if (numeric && trimNumericZeros)
            {
                value = value.TrimStart('0');
                value = value.Length == 0 ? "0" : value;
            }

            version.Append(first ? prefix : '.').Append(value);
            first = false;
        }
    }

    private static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

    private static CharKind Classify(char c) =>
        c >= 'a' && c <= 'z' ? CharKind.Lower
        : c >= 'A' && c <= 'Z' ? CharKind.Upper
        : IsAsciiDigit(c) ? CharKind.Digit
        : CharKind.None;

    private enum CharKind
    {
        None,
        Lower,
        Upper,
        Digit,
    }
}
