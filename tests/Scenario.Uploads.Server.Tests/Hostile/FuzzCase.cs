namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>One generated hostile request: raw bytes for the socket, and what the service may do with it.</summary>
/// <param name="Endpoint">The route it aims at, for the counts ("POST /v1/uploads").</param>
/// <param name="What">A short description, for failure messages.</param>
/// <param name="MustRefuse">True when no reading of the request makes it valid: a 2xx is a bug too.</param>
/// <param name="BeforeTheService">
/// True when Kestrel itself refuses the request line or headers (a %00 in the path, raw non-ASCII): it answers
/// a bare 400 before any of the service's code runs, so no problem+json can be asked of it.
/// </param>
public sealed record FuzzCase(string Endpoint, string What, byte[] Request, bool MustRefuse, bool BeforeTheService = false, bool HalfClose = false)
{
    public bool IsCreate => Endpoint == "POST /v1/uploads";

    public override string ToString() => $"{Endpoint} [{What}]";
}
