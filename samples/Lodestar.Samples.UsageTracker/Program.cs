using Lodestar.Samples.UsageTracker;

return await UsageTrackerApp.RunAsync(args, Console.Out);
