using System.Text;

namespace Scenario.Cli;

/// <summary>Asks on the terminal; a hidden answer is read key by key so the secret is never echoed.</summary>
public static class TerminalPrompt
{
    /// <summary>Writes <paramref name="question"/> to standard error and reads one line.</summary>
    public static string? Ask(string question, bool hidden)
    {
        Console.Error.Write(question);
        if (!hidden)
        {
            return Console.ReadLine();
        }
        var answer = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return answer.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                answer.Length = Math.Max(0, answer.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                answer.Append(key.KeyChar);
            }
        }
    }
}
