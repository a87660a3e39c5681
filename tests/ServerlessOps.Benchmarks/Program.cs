using ServerlessOps.Benchmarks.Durable;

// One scenario per argument; add a case per benchmark (e.g. "ingest").
return args.FirstOrDefault() switch
{
    "durable" => await DurableBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: ServerlessOps.Benchmarks <scenario>   scenarios: durable");
    return 2;
}
