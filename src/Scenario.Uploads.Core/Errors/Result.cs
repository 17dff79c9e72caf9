namespace Scenario.Uploads.Errors;

/// <summary>A value, or the problem that stopped it. Expected failures are results, not exceptions.</summary>
public sealed record Result<T>(T Value, Problem? Error) : IFallible
{
    public bool Succeeded => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Problem problem) => new(default!, problem);

    public static Result<T> Fail(string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(default!, new Problem(code, detail, extensions));
}

/// <summary>Any result, for code that only asks whether one of several failed.</summary>
public interface IFallible
{
    Problem? Error { get; }
}
