namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>Where an accepted file's import stands.</summary>
public enum ImportState
{
    /// <summary>Validated and being written; a crash leaves it here, and posting the same file again completes it.</summary>
    Applying,

    /// <summary>Every row written.</summary>
    Applied,
}
