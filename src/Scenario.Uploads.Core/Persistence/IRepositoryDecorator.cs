namespace Scenario.Uploads.Persistence;

/// <summary>
/// What the host puts around each repository a database registration builds, applied as it is built (the
/// service: a span and a call count per call). Without one registered, the repositories are used bare.
/// </summary>
public interface IRepositoryDecorator
{
    T Decorate<T>(T repository)
        where T : class;
}

public static class RepositoryDecoration
{
    /// <summary><paramref name="repository"/> wrapped by the host's <see cref="IRepositoryDecorator"/>, if it has one.</summary>
    public static T Decorated<T>(this IServiceProvider services, T repository)
        where T : class =>
        services.GetService(typeof(IRepositoryDecorator)) is IRepositoryDecorator decorator ? decorator.Decorate(repository) : repository;
}
