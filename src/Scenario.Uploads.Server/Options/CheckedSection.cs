namespace Scenario.Uploads.Server.Options;

/// <summary>One section <see cref="ConfigurationCheck"/> checks, with the failures it finds there.</summary>
internal sealed record CheckedSection(string Section, Func<IServiceProvider, IReadOnlyList<string>> Collect);
