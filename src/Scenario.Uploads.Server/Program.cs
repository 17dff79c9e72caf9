using Scenario.Uploads.Server.Operator;
using Scenario.Uploads.Server.Options;

// `keys list|create|revoke` manages API keys with the service's configuration; anything else runs the service.
if (args is ["keys", .. var rest])
{
    return await KeysCommand.RunAsync(rest, Console.Out, Console.Error);
}

// A bad configuration is one line per value on stderr and exit code 2, not a stack trace.
args = ContentRoot.Default(args);
if (ConfigurationCheck.BuildChecked(args, out var problems) is not { } app)
{
    return Refuse(problems);
}
try
{
    app.Run();
    return ExitCodes.Success;
}
catch (Exception e) when (ConfigurationErrors.TryDescribe(e, out var lines))
{
    return Refuse(lines);
}
catch (Exception e)
{
    // The host has logged it, stack trace included; this is the line a terminal or a journal shows last.
    Console.Error.WriteLine($"Scenario Uploads stopped: {e.Message}");
    return ExitCodes.Failure;
}

static int Refuse(IReadOnlyList<string> lines)
{
    foreach (var line in lines)
    {
        Console.Error.WriteLine(line);
    }
    return ExitCodes.Configuration;
}
