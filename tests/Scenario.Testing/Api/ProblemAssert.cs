using System.Net;
using System.Text.Json;
using Xunit;

namespace Scenario.Testing.Api;

/// <summary>Checks an error answer: the status, problem+json, our stable code, and a detail for the user.</summary>
public static class ProblemAssert
{
    public static async Task<Problem> IsProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Problem.From(JsonDocument.Parse(body).RootElement);
        Assert.Equal(code, problem.Code);
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Equal(problem.Detail, problem.Reason);
        Assert.False(string.IsNullOrEmpty(problem.TraceId));
        return problem;
    }
}
