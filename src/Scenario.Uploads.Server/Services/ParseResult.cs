namespace Scenario.Uploads.Server.Services;

/// <summary>A 4xx answer in the making: a stable code and a sentence for the user.</summary>
public sealed record ProblemInfo(string Code, string Detail);

public interface IParseResult
{
    ProblemInfo? Error { get; }
}

/// <summary>A parsed value, or the problem that stopped it. Expected failures are results, not exceptions.</summary>
public sealed record ParseResult<T>(T Value, ProblemInfo? Error) : IParseResult
{
    public bool Succeeded => Error is null;

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(string code, string detail) => new(default!, new ProblemInfo(code, detail));
}
