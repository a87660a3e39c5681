using ServerlessOps.Benchmarks.Durable;
using ServerlessOps.Benchmarks.Ingest;
using ServerlessOps.Benchmarks.Ledger;

// One scenario per argument; add a case per benchmark (e.g. "ingest").
return args.FirstOrDefault() switch
{
    "durable" => await DurableBenchmark.RunAsync(args[1..]),
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
    "ledger" => await LedgerBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: ServerlessOps.Benchmarks <scenario>   scenarios: durable [--sweep | --variant NAME] [--no-idle --idle-seconds 120 --settle-seconds 45], ingest [--rate 500 --seconds 20 --warmup 1000 --max-in-flight 512 --ack-only --ack-after stored|queued], ledger [--seconds 6 --workers 32 --skus 100]");
    return 2;
}
