using ServerlessOps.Simulator;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args.FirstOrDefault() switch
{
    "demo" => await DemoRun.RunAsync(DemoOptions.Parse(args[1..]), cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: ServerlessOps.Simulator demo [--orders-per-channel N] [--keep-serving]");
    return 2;
}
