using System.Globalization;
using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>
/// The checks the options validators share, each failure already the line an operator reads at start:
/// <c>Invalid configuration: KEY is 'VALUE'; expected FORM.</c>
/// </summary>
internal sealed class ConfigurationRules(IConfiguration configuration)
{
    public const string Prefix = "Invalid configuration: ";

    /// <summary>The longest duration a timer takes (.NET's timers stop at about 49 days).</summary>
    public static readonly TimeSpan LongestInterval = TimeSpan.FromDays(30);

    /// <summary>The longest lifetime added to "now": anything longer is a typo, and TimeSpan.MaxValue overflows the date.</summary>
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(3650);

    private readonly List<string> _failures = [];

    public static string Line(string key, string value, string expected) => $"{Prefix}{key} is '{value}'; expected {expected}.";

    public static string Format(object? value) => value switch
    {
        null => "",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public ValidateOptionsResult Result() => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);

    public void Fail(string key, object? value, string expected) => _failures.Add(Line(key, Shown(key, value), expected));

    /// <summary>A failure whose value must not be echoed (it may hold a password).</summary>
    public void FailHidden(string key, string problem, string expected) =>
        _failures.Add($"{Prefix}{key} {problem} (the value is not shown: it may hold a password); expected {expected}.");

    public void Duration(string key, TimeSpan value, TimeSpan example, TimeSpan longest)
    {
        if (value <= TimeSpan.Zero)
        {
            Fail(key, value, $"a positive duration such as {Format(example)}");
        }
        else if (value > longest)
        {
            Fail(key, value, $"a positive duration of at most {Format(longest)}, such as {Format(example)}");
        }
    }

    public void WholeNumber(string key, long value, long least, long? most, long example, string unit = "")
    {
        if (value >= least && (most is null || value <= most))
        {
            return;
        }
        var range = most is { } m ? $"from {least} to {m}" : $"of at least {least}";
        Fail(key, value, $"a whole number{unit} {range}, such as {example}");
    }

    public void Required(string key, string? value, string expected)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(key, value, expected);
        }
    }

    /// <summary>An absolute http(s) URL: what the service signs URLs under or sends requests to.</summary>
    public void HttpUrl(string key, string? value, bool required, string example)
    {
        if (!required && string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        var valid = Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host);
        if (!valid)
        {
            Fail(key, value, $"an absolute http:// or https:// URL such as {example}");
        }
    }

    public void OneOf(string key, string? value, params string[] choices)
    {
        if (!choices.Any(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase)))
        {
            Fail(key, value, string.Join(" or ", choices));
        }
    }

    // The operator's own text when there is one: 0 and 00:00:00 read alike once bound, not as typed.
    private string Shown(string key, object? value) => configuration[key] ?? Format(value);
}
