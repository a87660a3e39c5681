using ServerlessOps.Testing.Emulators;

// One Azurite for the whole assembly; every test class runs its engine on a task hub of its own.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
