namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// One way a payload can be wrong, as marketplaces, proxies and attackers actually get it wrong: the JSON kinds edit one
/// value of a parsed sample (so the rest stays realistic and the reader gets far into the document); the byte kinds break
/// the text itself.
/// </summary>
public enum MutationKind
{
    /// <summary>A member or array element removed.</summary>
    DropField,

    /// <summary>A member written twice with different values (<c>"id": 1, "id": "x"</c>).</summary>
    DuplicateKey,

    /// <summary>A value replaced by one of another JSON type (string, number, boolean, null, array, object).</summary>
    Retype,

    /// <summary>A value replaced by a number no reader can hold (1e400, 2^63, 30 digits, -1e30).</summary>
    HugeNumber,

    /// <summary>A value replaced by a date that is impossible, ambiguous or out of range.</summary>
    WrongDate,

    /// <summary>A number (or a number in a string) made negative.</summary>
    NegativeNumber,

    /// <summary>A value replaced by an empty or blank string.</summary>
    EmptyString,

    /// <summary>A value replaced by a long string (kilobytes).</summary>
    LongString,

    /// <summary>A value replaced by arrays or objects nested far past any reader's depth limit.</summary>
    DeepNesting,

    /// <summary>A string with a lone surrogate escape, a NUL or control characters.</summary>
    OddUnicode,

    /// <summary>The text cut at a random byte.</summary>
    Truncate,

    /// <summary>One bit of one byte flipped.</summary>
    FlipByte,

    /// <summary>Bytes that are not UTF-8 inserted (0xFF, an overlong form, an encoded surrogate).</summary>
    InvalidUtf8,

    /// <summary>The document replaced by a JSON value that is not an object (array, string, number, null).</summary>
    NotAnObject,
}
