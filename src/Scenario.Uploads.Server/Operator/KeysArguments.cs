namespace Scenario.Uploads.Server.Operator;

/// <summary>
/// <c>keys list</c>, <c>keys create [--owner OWNER_ID]</c>, <c>keys revoke KEY</c>; every other argument is
/// configuration, read as the service reads its command line.
/// </summary>
internal sealed record KeysArguments(string Verb, string? Key, string? Owner, string[] Configuration)
{
    public const string List = "list";
    public const string Create = "create";
    public const string Revoke = "revoke";
    public const string Help = "help";

    private const string OwnerOption = "--owner";

    /// <returns>The arguments, or null with the reason (null reason: help was asked for).</returns>
    public static KeysArguments? Parse(string[] args, out string? problem)
    {
        problem = null;
        if (args.Length == 0)
        {
            problem = "Say what to do with the keys: list, create or revoke.";
            return null;
        }
        var verb = args[0].ToLowerInvariant();
        if (verb is Help or "--help" or "-h")
        {
            return new KeysArguments(Help, null, null, []);
        }
        if (verb is not (List or Create or Revoke))
        {
            problem = $"Unknown keys command '{args[0]}'.";
            return null;
        }
        var rest = args.Skip(1).ToList();
        string? key = null;
        if (verb == Revoke)
        {
            if (rest.Count == 0 || rest[0].StartsWith('-'))
            {
                problem = "Say which key to revoke: keys revoke KEY (keys list shows them).";
                return null;
            }
            key = rest[0];
            rest.RemoveAt(0);
        }
        var owner = TakeOwner(rest, out problem);
        if (problem is not null)
        {
            return null;
        }
        if (owner is not null && verb != Create)
        {
            problem = $"{OwnerOption} goes with keys create only.";
            return null;
        }
        return new KeysArguments(verb, key, owner, [.. rest]);
    }

    private static string? TakeOwner(List<string> rest, out string? problem)
    {
        problem = null;
        var index = rest.FindIndex(a => a == OwnerOption || a.StartsWith(OwnerOption + "=", StringComparison.Ordinal));
        if (index < 0)
        {
            return null;
        }
        string? owner;
        if (rest[index] == OwnerOption)
        {
            owner = index + 1 < rest.Count && !rest[index + 1].StartsWith('-') ? rest[index + 1] : null;
            rest.RemoveRange(index, owner is null ? 1 : 2);
        }
        else
        {
            owner = rest[index][(OwnerOption.Length + 1)..];
            rest.RemoveAt(index);
        }
        if (string.IsNullOrWhiteSpace(owner))
        {
            problem = $"{OwnerOption} needs an owner id, such as {OwnerOption} owner_ops.";
            return null;
        }
        return owner.Trim();
    }
}
