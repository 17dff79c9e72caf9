using System.Reflection;

namespace Scenario.Uploads.Server.Options;

/// <summary>Finds the values of a section that the configuration binder cannot convert to their property's type.</summary>
internal static class ConfigurationSyntax
{
    public sealed record Unparsable(string Path, string Line);

    /// <param name="key">The section's canonical name, used in the lines (the operator may have typed another case).</param>
    /// <param name="defaults">An instance with the defaults, whose values serve as examples.</param>
    public static IReadOnlyList<Unparsable> FindUnparsable(IConfigurationSection section, string key, Type type, object? defaults)
    {
        var found = new List<Unparsable>();
        Walk(section, key, type, defaults, found);
        return found;
    }

    private static void Walk(IConfigurationSection section, string key, Type type, object? defaults, List<Unparsable> found)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var child = section.GetSection(property.Name);
            var childKey = $"{key}:{property.Name}";
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var example = defaults is null ? null : property.GetValue(defaults);
            if (valueType == typeof(string))
            {
                continue;
            }
            if (valueType.IsValueType)
            {
                if (child.Value is { } text && !Converts(child, property.PropertyType))
                {
                    found.Add(new Unparsable(child.Path, ConfigurationRules.Line(childKey, text, ExpectedForm(valueType, example))));
                }
            }
            else if (valueType.IsGenericType && valueType.GetGenericTypeDefinition() is var generic
                && (generic == typeof(List<>) || generic == typeof(Dictionary<,>)))
            {
                // A list's items are keyed 0, 1, …; a dictionary's (Quotas:Keys:<apiKey>) by their own names.
                var itemType = valueType.GetGenericArguments()[^1];
                foreach (var item in child.GetChildren())
                {
                    Walk(item, $"{childKey}:{item.Key}", itemType, null, found);
                }
            }
            else if (valueType.IsClass)
            {
                Walk(child, childKey, valueType, example, found);
            }
        }
    }

    // The binder's own conversion, so "unparsable" means exactly what makes it throw.
    private static bool Converts(IConfigurationSection value, Type type)
    {
        try
        {
            value.Get(type);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static string ExpectedForm(Type type, object? example) =>
        type == typeof(TimeSpan) ? $"a positive duration such as {ConfigurationRules.Format(example ?? TimeSpan.FromHours(1))}"
        : type == typeof(bool) ? "true or false"
        : type.IsEnum ? string.Join(" or ", Enum.GetNames(type))
        : type == typeof(int) || type == typeof(long) ? (example is null ? "a whole number" : $"a whole number such as {ConfigurationRules.Format(example)}")
        : $"a value of type {type.Name}";
}
