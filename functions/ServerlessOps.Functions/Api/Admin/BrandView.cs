using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>A brand as the admin API answers it, with the ETag to send back in If-Match.</summary>
public sealed record BrandView(Brand Brand, string Etag);
