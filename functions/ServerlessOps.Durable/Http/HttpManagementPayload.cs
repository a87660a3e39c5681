namespace ServerlessOps.Durable.Http;

/// <summary>The management URLs returned when an instance starts (Durable Functions' <c>HttpManagementPayload</c>).</summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusQueryGetUri">GET: the instance status.</param>
/// <param name="SendEventPostUri">POST: raise an event; replace <c>{eventName}</c>.</param>
/// <param name="TerminatePostUri">POST: terminate; replace <c>{text}</c> with the reason.</param>
/// <param name="PurgeHistoryDeleteUri">DELETE: purge the instance.</param>
/// <param name="SuspendPostUri">POST: suspend; replace <c>{text}</c>.</param>
/// <param name="ResumePostUri">POST: resume; replace <c>{text}</c>.</param>
public sealed record HttpManagementPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri);
