using System.Text.RegularExpressions;
using Scenario.Uploads.Errors;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Errors;

/// <summary>The README's error table is the code's: every code under the status it is answered with, and no other.</summary>
public sealed partial class ErrorTableTests
{
    [Fact]
    public void The_readme_lists_every_error_code_under_its_status()
    {
        var documented = ReadmeTable();

        Assert.Equal(ErrorStatuses.All.OrderBy(c => c.Key), documented.OrderBy(c => c.Key));
    }

    [Fact]
    public void Every_error_code_has_a_status()
    {
        var codes = typeof(ErrorCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        Assert.All(codes, code => Assert.InRange(ErrorStatuses.Of(code), 400, 599));
    }

    private static Dictionary<string, int> ReadmeTable()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scenario.Uploads.slnx")))
        {
            directory = directory.Parent;
        }
        var readme = File.ReadAllLines(Path.Combine(directory!.FullName, "README.md"));
        var start = Array.FindIndex(readme, l => l.StartsWith("| status | codes |", StringComparison.Ordinal));
        var table = new Dictionary<string, int>();
        foreach (var row in readme.Skip(start + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            var status = int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture);
            // Codes are the backticked words; what follows a code in parentheses only explains it.
            foreach (Match code in Code().Matches(Regex.Replace(cells[2], @"\([^)]*\)", "")))
            {
                table[code.Groups[1].Value] = status;
            }
        }
        return table;
    }

    [GeneratedRegex("`([a-z0-9_]+)`")]
    private static partial Regex Code();
}
