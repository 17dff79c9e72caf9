using Scenario.Cli;

return await CliApp.RunAsync(args, CliContext.FromProcess());
