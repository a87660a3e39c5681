namespace ServerlessOps.Testing.BadInput;

/// <summary>How a header value can arrive wrong; <see cref="HeaderMutator"/> applies them.</summary>
public enum HeaderMutation
{
    /// <summary>The header is not sent.</summary>
    Remove,

    /// <summary>Sent with an empty or blank value.</summary>
    Blank,

    /// <summary>CR/LF and a second header smuggled into the value (header injection); only an in-process server lets it through unchanged.</summary>
    CrLfInjection,

    /// <summary>A NUL or other control character inside the value.</summary>
    ControlCharacter,

    /// <summary>A value of several kilobytes.</summary>
    Oversized,

    /// <summary>Sent twice: the server joins the values with a comma.</summary>
    Repeated,

    /// <summary>One character of the value changed.</summary>
    OneCharacterChanged,

    /// <summary>Non-ASCII text in the value.</summary>
    NonAscii,

    /// <summary>Surrounding whitespace (harmless by the HTTP grammar).</summary>
    Padded,
}
