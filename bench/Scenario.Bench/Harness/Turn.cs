namespace Scenario.Bench.Harness;

/// <summary>
/// One measurement against one service: what it records is named after that service (….base for the baseline's),
/// and nothing is recorded while warming up.
/// </summary>
internal sealed record Turn(Samples Samples, Service Service, bool Warming)
{
    public void Record(string name, double value)
    {
        if (!Warming)
        {
            Samples.Add(name + Service.Tag, value);
        }
    }

    public void Record(string name, string value) => Record(name, Number.Parse(value));
}
