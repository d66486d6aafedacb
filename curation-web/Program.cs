// Placeholder until the host is written: the qy verbs (serve, ingest, rebuild) live here.
return 0;
