namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>Checks a raw answer as <see cref="ProblemAssert"/> checks an HttpClient one.</summary>
public static class HostileAssert
{
    public static void IsProblem(RawResponse answer, int status, string code)
    {
        Assert.True(answer.Status == status, $"Expected {status} {code}, got {answer}");
        Assert.True(ProblemShape(answer) is null, ProblemShape(answer));
        Assert.Equal(code, answer.Problem()!.Code);
    }

    /// <summary>What is missing from a 4xx for it to be our problem+json (code, detail, reason, traceId); null when nothing.</summary>
    public static string? ProblemShape(RawResponse answer)
    {
        if (answer.Problem() is not { } problem)
        {
            return $"not application/problem+json: {answer}";
        }
        foreach (var field in new[] { "code", "detail", "reason", "traceId" })
        {
            if (!problem.Json.TryGetProperty(field, out var value) || string.IsNullOrWhiteSpace(value.GetString()))
            {
                return $"no '{field}': {answer}";
            }
        }
        return problem.Json.TryGetProperty("status", out var status) && status.GetInt32() == answer.Status ? null : $"'status' is not {answer.Status}: {answer}";
    }
}
