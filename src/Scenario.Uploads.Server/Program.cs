using Scenario.Uploads.Server.Operator;

// `keys list|create|revoke` manages API keys with the service's configuration; anything else runs the service.
return args is ["keys", .. var rest]
    ? await KeysCommand.RunAsync(rest, Console.Out, Console.Error)
    : ServiceCommand.Run(args);
