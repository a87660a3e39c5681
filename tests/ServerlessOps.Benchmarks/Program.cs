using ServerlessOps.Benchmarks.Durable;
using ServerlessOps.Benchmarks.Ingest;

// One scenario per argument; add a case per benchmark (e.g. "ingest").
return args.FirstOrDefault() switch
{
    "durable" => await DurableBenchmark.RunAsync(args[1..]),
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: ServerlessOps.Benchmarks <scenario>   scenarios: durable [--sweep | --variant NAME] [--no-idle --idle-seconds 120 --settle-seconds 45], ingest [--rate 500 --seconds 20 --warmup 1000 --max-in-flight 512 --ack-only --ack-after stored|queued]");
    return 2;
}
