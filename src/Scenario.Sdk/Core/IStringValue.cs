namespace Scenario.Core;

/// <summary>
/// A string-valued type that is open to values the server adds later: the named constants
/// cover today's values, and any other string still round-trips instead of failing to parse.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IStringValue<TSelf>
    where TSelf : IStringValue<TSelf>
{
    /// <summary>The wire value, exactly as the API spells it.</summary>
    string Value { get; }

    /// <summary>Wraps a wire value.</summary>
    /// <param name="value">The value as it appears on the wire.</param>
    static abstract TSelf From(string value);
}
