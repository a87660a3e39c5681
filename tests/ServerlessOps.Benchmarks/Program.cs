Console.WriteLine("usage: ServerlessOps.Benchmarks <scenario>");
