namespace ServerlessOps.Testing;

/// <summary>
/// Well-known folders of the repository, found from the running test or tool's output folder,
/// so nothing depends on the current directory.
/// </summary>
public static class RepositoryPaths
{
    private const string SolutionFileName = "ServerlessOps.sln";

    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The folder that holds ServerlessOps.sln.</summary>
    public static string Root => _root.Value;

    /// <summary><c>infra/local</c>: the npm project with Azurite and the Cosmos server.</summary>
    public static string LocalStack => Path.Combine(Root, "infra", "local");

    /// <summary>
    /// <c>shared/channels</c>, which sits beside the clone (<c>&lt;root&gt;/../shared/channels</c>):
    /// in CI the clone lives in another folder, with a copy of shared/ next to it.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder is not beside the clone.</exception>
    public static string SharedChannels
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "channels"));
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException(
                    $"shared/channels not found at '{path}'. It must sit beside the repository clone " +
                    $"('{Root}'), as laid out for sessions and CI.");
            }

            return path;
        }
    }

    /// <summary>The path of a sample payload under <c>shared/channels/samples</c>.</summary>
    /// <param name="fileName">The file name, for example <c>shopify-orders-create.json</c>.</param>
    /// <exception cref="FileNotFoundException">No sample has that name.</exception>
    public static string ChannelSample(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var path = Path.Combine(SharedChannels, "samples", fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Channel sample '{fileName}' not found at '{path}'.", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        var start = AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder containing {SolutionFileName} above '{start}': run from a build inside the repository.");
    }
}
