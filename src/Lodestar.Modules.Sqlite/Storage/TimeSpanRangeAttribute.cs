using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// A <see cref="TimeSpan"/> range rule. <see cref="RangeAttribute"/>'s type-based constructor needs
/// reflection over type converters and is not trimming-safe; this one parses its bounds itself.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    public TimeSpanRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    public override bool IsValid(object? value) => value is TimeSpan time && time >= Minimum && time <= Maximum;

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.InvariantCulture, ErrorMessageString, name, Minimum, Maximum);
}
