using System.Text.Json.Serialization;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Cli.Commands;

/// <summary>What <c>scenario upload</c> prints at the end: the upload of one file, or a table of many; JSON or ids only when asked.</summary>
internal static class UploadReport
{
    public static void Single(Invocation invocation, UploadOutcome outcome)
    {
        var output = invocation.Output;
        if (outcome.Error is not null)
        {
            if (outcome.ExitCode == ExitCodes.Interrupted && !invocation.Json)
            {
                output.Error(outcome.Hint!);
                return;
            }
            CliErrors.Write(invocation, outcome.Error, outcome.ExitCode, outcome.Cause, outcome.Hint);
            if (outcome.Hint is not null && !invocation.Json)
            {
                output.Error(outcome.Hint);
            }
            return;
        }
        var upload = outcome.Upload!;
        if (invocation.Json)
        {
            output.Json(new UploadRetrieveResponse { Upload = upload });
        }
        else if (invocation.Quiet)
        {
            output.Line(upload.EntityId ?? upload.Id);
        }
        else
        {
            output.Result(Rows(upload, outcome));
        }
    }

    public static int Many(Invocation invocation, IReadOnlyList<UploadOutcome> outcomes, IReadOnlyList<string> problems)
    {
        var output = invocation.Output;
        if (invocation.Json)
        {
            output.Json(new ManyJson(
                [.. outcomes.Select(o => new FileJson(o.Name, o.Upload, o.Error is null ? null : new FileError(o.Error, o.ExitCode, o.Hint))),
                 .. problems.Select(p => new FileJson(null, null, new FileError(p, ExitCodes.BadInput, null)))],
                ExitCode(outcomes, problems)));
            return ExitCode(outcomes, problems);
        }
        if (invocation.Quiet)
        {
            foreach (var problem in problems)
            {
                output.Error($"error: {problem}");
            }
            foreach (var o in outcomes)
            {
                if (o.Succeeded)
                {
                    output.Line(o.Upload!.EntityId ?? o.Upload.Id);
                }
                else
                {
                    output.Error($"error: {o.Name}: {o.Error}");
                }
            }
            return ExitCode(outcomes, problems);
        }
        output.Table(["file", "status", "id", "size", "parts", "detail"], [.. outcomes.Select(o => new[]
        {
            o.Name,
            o.Upload?.Status.Value ?? (o.ExitCode == ExitCodes.Interrupted ? "interrupted" : "not sent"),
            o.Upload?.EntityId ?? o.Upload?.Id ?? "",
            o.Upload?.FileSize is { } size ? Sizes.Format(size) : "",
            o.Parts ?? "",
            o.Error ?? "",
        })]);
        foreach (var hint in outcomes.Select(o => o.Hint).OfType<string>())
        {
            output.Error(hint);
        }
        var failed = outcomes.Count(o => !o.Succeeded) + problems.Count;
        output.Line(failed == 0 ? $"{outcomes.Count} uploaded." : $"{outcomes.Count(o => o.Succeeded)} uploaded, {failed} failed.");
        return ExitCode(outcomes, problems);
    }

    // Interrupted wins (the user asked to stop); then the first failure; files that could not be read are bad input.
    private static int ExitCode(IReadOnlyList<UploadOutcome> outcomes, IReadOnlyList<string> problems) =>
        outcomes.Any(o => o.ExitCode == ExitCodes.Interrupted) ? ExitCodes.Interrupted
        : outcomes.FirstOrDefault(o => !o.Succeeded)?.ExitCode
        ?? (problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Success);

    private static List<(string, string)> Rows(Upload upload, UploadOutcome outcome)
    {
        var rows = new List<(string, string)> { ("upload", upload.Id), ("status", upload.Status.Value) };
        if (upload.EntityId is { } entity)
        {
            rows.Add((upload.Kind == UploadKind.Model ? "model" : "asset", entity));
        }
        if (upload.Sha256 is { } sha)
        {
            rows.Add(("sha256", sha));
        }
        if (upload.FileSize is { } size)
        {
            rows.Add(("size", Sizes.Format(size)));
        }
        if (outcome.Parts is { } parts)
        {
            rows.Add(("parts", parts));
        }
        return rows;
    }

    private sealed record ManyJson([property: JsonPropertyName("files")] IReadOnlyList<FileJson> Files, int ExitCode);

    private sealed record FileJson(string? Name, Upload? Upload, FileError? Error);

    private sealed record FileError(string Message, int ExitCode, string? Hint);
}
