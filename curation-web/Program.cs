using QyHeritage.Web.Cli;

// The host program is also the qy command line: serve (default), ingest, rebuild.
return await QyCommandLine.RunAsync(args);
