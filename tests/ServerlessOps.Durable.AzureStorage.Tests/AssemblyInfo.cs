using ServerlessOps.Testing.Emulators;

// One Azurite for the whole assembly; every test makes its own task hub.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
