using ServerlessOps.Benchmarks.Drills.Faults;
using ServerlessOps.Benchmarks.Durable;
using ServerlessOps.Benchmarks.Ingest;
using ServerlessOps.Benchmarks.Ledger;
using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Benchmarks.Review;

// One scenario per argument; add a case per benchmark (e.g. "ingest").
return args.FirstOrDefault() switch
{
    "durable" => await DurableBenchmark.RunAsync(args[1..]),
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
    "ledger" => await LedgerBenchmark.RunAsync(args[1..]),
    "orderflow" => await OrderFlowBenchmark.RunAsync(args[1..]),
    "drill-kill" => await FaultDrill.RunAsync(DrillFault.Kill, args[1..]),
    "drill-outage" => await FaultDrill.RunAsync(DrillFault.PauseAzurite, args[1..]),
    "review" => await ReviewBenchmark.RunAsync(args[1..]),
    "drill-bad-input" => await ServerlessOps.Benchmarks.Drills.BadInput.BadInputDrill.RunAsync(args[1..]),
    "drill-access" => await ServerlessOps.Benchmarks.Drills.Access.AccessDrill.RunAsync(args[1..]),
    "drill-throttle" => await ServerlessOps.Benchmarks.Drills.Throttle.ThrottleDrill.RunAsync(args[1..]),
    "drill-oversell" => await ServerlessOps.Benchmarks.Drills.Oversell.OversellDrill.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: ServerlessOps.Benchmarks <scenario>   scenarios: durable [--sweep | --variant NAME] [--no-idle --idle-seconds 120 --settle-seconds 45], ingest [--rate 500 --seconds 20 --warmup 1000 --max-in-flight 512 --ack-only --ack-after stored|queued], ledger [--seconds 6 --workers 32 --skus 100], orderflow [--rates 25,50,100,200 | --rate 50] [--seconds 20 --max-in-flight 256 --warmup 40 --drain-seconds 90], review [--lines 1000000 --minutes 120], drill-kill [--rate 10 --seconds 60 --kills 5 --seed 18], drill-outage [--store azurite|cosmos --pause-seconds 20 --rate 10 --seconds 60], drill-bad-input [--per-channel 600 --files-per-seed 60 --seed 1804 --concurrency 16], drill-oversell [--orders 2000 --units 500 --apps 2 --concurrency 64 --settle-seconds 900], drill-access, drill-throttle [--rate 4 --seconds 90 --low 0.1 --high 0.3 --settle-seconds 300 --drain-seconds 360 --seed 18 --pace-amazon]");
    return 2;
}
