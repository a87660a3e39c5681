using ServerlessOps.Functions.Tests.Hosting;

// One Azurite, one Cosmos server and one stub marketplace for the whole assembly; every test names its own
// container, queue and database (LocalStackSettings.For with a fresh run id), so sharing them is safe.
[assembly: AssemblyFixture(typeof(FunctionAppFixture))]
