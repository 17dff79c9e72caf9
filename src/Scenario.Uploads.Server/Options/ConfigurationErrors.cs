using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>Turns what a bad configuration throws at start into the operator's one line per bad value.</summary>
public static partial class ConfigurationErrors
{
    /// <summary>The lines for a configuration error, or false for any other exception.</summary>
    public static bool TryDescribe(Exception error, out IReadOnlyList<string> lines)
    {
        lines = error switch
        {
            OptionsValidationException e => [.. e.Failures.Select(AsLine)],
            InvalidOperationException e when IsBinderError(e) => [DescribeBinderError(e)],
            AggregateException e when e.Flatten().InnerExceptions.All(i => TryDescribe(i, out _)) =>
                [.. e.Flatten().InnerExceptions.SelectMany(i => TryDescribe(i, out var inner) ? inner : [])],
            _ => [],
        };
        return lines.Count > 0;
    }

    internal static bool IsBinderError(InvalidOperationException error) => BinderMessage().IsMatch(error.Message);

    internal static string DescribeBinderError(InvalidOperationException error)
    {
        var match = BinderMessage().Match(error.Message);
        var type = Type.GetType(match.Groups["type"].Value);
        var form = type is null ? $"a value of type {match.Groups["type"].Value}" : ConfigurationSyntax.ExpectedForm(Nullable.GetUnderlyingType(type) ?? type, null);
        return ConfigurationRules.Line(match.Groups["key"].Value, match.Groups["value"].Value, form);
    }

    /// <summary>Our validators' failures are lines already; others (a data annotation, say) get the same prefix.</summary>
    internal static string AsLine(string failure) =>
        failure.StartsWith(ConfigurationRules.Prefix, StringComparison.Ordinal) ? failure : ConfigurationRules.Prefix + failure;

    // Microsoft.Extensions.Configuration.Binder's message (InvariantGlobalization keeps it in English).
    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'\.", RegexOptions.Singleline)]
    private static partial Regex BinderMessage();
}
