using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Lodestar.Modules.Analyzers.Tests.Support;

/// <summary>
/// Test source with expected diagnostic locations marked in it: <c>[|text|]</c> expects the test's
/// diagnostic id on <c>text</c>, <c>{|LODE004:text|}</c> expects that id.
/// </summary>
internal sealed class Markup
{
    private Markup(string source, IReadOnlyList<(string? Id, TextSpan Span)> spans)
    {
        Source = source;
        Spans = spans;
    }

    public string Source { get; }

    public IReadOnlyList<(string? Id, TextSpan Span)> Spans { get; }

    public static Markup Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var spans = new List<(string?, TextSpan)>();
        var open = new Stack<(string? Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, source.Length));
                i++;
            }
            else if (Starts(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i);
                open.Push((markup[(i + 2)..colon], source.Length));
                i = colon;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                var (id, start) = open.Pop();
                spans.Add((id, TextSpan.FromBounds(start, source.Length)));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }

        Assert.Empty(open);
        return new Markup(source.ToString(), spans);
    }

    private static bool Starts(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
