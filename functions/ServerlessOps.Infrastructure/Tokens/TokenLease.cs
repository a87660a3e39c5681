namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// Who is refreshing an account's token, and until when: written into the token document under its ETag before the token
/// endpoint is called, so of two instances only the one whose write succeeded calls it. Past <paramref name="Until"/>
/// another instance may take over (the holder died or hangs).
/// </summary>
/// <param name="Holder">The holding <see cref="ChannelTokenService"/> instance (machine, process, random part).</param>
/// <param name="Until">When the lease lapses.</param>
public sealed record TokenLease(string Holder, DateTimeOffset Until);
