using System.Text.Json;

namespace Scenario.Cli.Profiles;

/// <summary>
/// Reads and writes <c>profiles.json</c> in <c>$SCENARIO_CONFIG_DIR</c>, else <c>$XDG_CONFIG_HOME/scenario</c>, else
/// <c>~/.config/scenario</c>. It holds secrets, so it is written owner-only and refused when others can read it,
/// as ssh does with a private key: a secret others could read must be treated as leaked, not used quietly.
/// </summary>
public sealed class ProfileStore(string directory)
{
    /// <summary>The variable naming the directory of the profile file.</summary>
    public const string DirectoryVariable = "SCENARIO_CONFIG_DIR";

    /// <summary>The profile used when none is named.</summary>
    public const string DefaultProfile = "default";

    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The path of the profile file.</summary>
    public string FilePath { get; } = Path.Combine(directory, "profiles.json");

    /// <summary>The store the environment points at.</summary>
    public static ProfileStore From(Func<string, string?> env)
    {
        if (NonEmpty(env(DirectoryVariable)) is { } dir)
        {
            return new ProfileStore(dir);
        }
        var config = NonEmpty(env("XDG_CONFIG_HOME"))
            ?? Path.Combine(NonEmpty(env("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new ProfileStore(Path.Combine(config, "scenario"));
    }

    /// <summary>The profiles, or an empty file when there is none; throws <see cref="CliInputException"/> when unsafe or malformed.</summary>
    public ProfileFile Load()
    {
        if (!File.Exists(FilePath))
        {
            return new ProfileFile();
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(FilePath) & Others) != 0)
        {
            throw new CliInputException($"{FilePath} is readable by group or others and holds API secrets; run: chmod 600 {Shell.Quote(FilePath)}");
        }
        try
        {
            var file = JsonSerializer.Deserialize<ProfileFile>(File.ReadAllText(FilePath));
            return file is null ? new ProfileFile() : file with { Profiles = new(file.Profiles, StringComparer.Ordinal) };
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{FilePath} is not a valid profile file ({e.Message}); fix it or run scenario configure again.");
        }
    }

    /// <summary>Adds or replaces <paramref name="name"/>, writing the file owner-only (0600, directory 0700).</summary>
    public void Save(string name, Profile profile)
    {
        var file = Load();
        file.Profiles[name] = profile;
        var directory = Path.GetDirectoryName(FilePath)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerDirectory);
            File.SetUnixFileMode(directory, OwnerDirectory);
        }
        // Written next to the file and moved over it, so a failed write never leaves half a profile file behind.
        var temporary = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, file, Indented);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, OwnerFile);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
