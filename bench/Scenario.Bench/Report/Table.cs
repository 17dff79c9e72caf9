using Scenario.Bench.Harness;

namespace Scenario.Bench.Report;

/// <summary>
/// The report's lines, written as they always were (other tools read the labels): a measure's median with its unit and
/// its min–max, a ratio of two medians with its goal. Each row's label and scale are kept for the baseline's table.
/// </summary>
internal sealed class Table(Samples samples, TextWriter output)
{
    private readonly List<(string Name, string Label, double Scale)> rows = [];

    public IReadOnlyList<(string Name, string Label, double Scale)> Rows => rows;

    public TextWriter Output => output;

    /// <summary>A measure: <paramref name="digits"/> after the point, times <paramref name="scale"/>, "%" after each figure when <paramref name="percent"/>.</summary>
    public void Row(string label, string name, string unit, double scale = 1, int digits = 3, bool percent = false)
    {
        rows.Add((name, label, scale));
        if (samples.Of(name) is not { } stat)
        {
            output.WriteLine($"| {label} | n/a |");
            return;
        }
        string F(double v) => Number.Fixed(v * scale, digits) + (percent ? "%" : "");
        output.WriteLine($"| {label} | {F(stat.Median)} {unit} | {F(stat.Min)}–{F(stat.Max)} |");
    }

    /// <summary>numerator / denominator with two digits, or n/a when either is missing.</summary>
    public void Ratio(string label, double? numerator, double? denominator, string goal = "") =>
        output.WriteLine(numerator > 0 && denominator > 0
            ? $"| {label} | {Number.Fixed(numerator.Value / denominator.Value, 2)}× | {goal} |"
            : $"| {label} | n/a | {goal} |");

    public double? Median(string name) => samples.Median(name);

    public double? Best(string name) => samples.Best(name);

    public void Line(string text = "") => output.WriteLine(text);
}
