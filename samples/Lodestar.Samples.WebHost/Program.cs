using Lodestar.Samples.WebHost;

await WebHostApp.RunAsync(args);
